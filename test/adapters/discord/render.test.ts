import { describe, expect, it } from 'vitest';
import type { Modal, View } from '../../../src/chat.js';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-id.js';
import { ComponentMemory, extrasIn } from '../../../adapters/discord/memory.js';
import { readModalFields, renderModal } from '../../../adapters/discord/modal.js';
import { renderMessage } from '../../../adapters/discord/render.js';

const goLive: Modal = {
  action: 'live.start',
  title: 'Go live: stream this meeting to an RTMP server or as HLS',
  submitLabel: 'Go live',
  fields: [
    {
      id: 'rtmp_url',
      label: 'RTMP server URL',
      kind: 'text',
      required: false,
      placeholder: 'rtmp://a.example.com/live',
    },
    { id: 'rtmp_key', label: 'Stream key', kind: 'text', required: false, secret: true },
    { id: 'hls', label: 'Also publish HLS', kind: 'checkbox', required: false },
    {
      id: 'layout',
      label: 'Layout',
      kind: 'select',
      required: true,
      options: [{ label: 'Best fit', value: 'bestFit' }],
    },
    { id: 'notes', label: 'Notes', kind: 'multiline', required: false },
  ],
};

const card: View = {
  visibility: 'channel',
  title: 'Weekly sync',
  cardOf: 'k7Qz2',
  blocks: [
    { type: 'text', text: '**Live** · 3 people' },
    {
      type: 'fields',
      fields: [
        { label: 'Recording', value: 'on' },
        { label: 'Broadcast', value: '' },
      ],
    },
    { type: 'notice', level: 'warning', text: 'Recording is on.' },
    { type: 'link', label: 'Join', url: 'https://bot.example.com/join/abc' },
    {
      type: 'buttons',
      buttons: [
        { action: 'record.stop', label: 'Stop recording', key: 'k7Qz2', style: 'danger' },
        { action: 'live.start', label: 'Go live', key: 'k7Qz2', modal: goLive },
        { action: 'mute.all', label: 'Mute all', key: 'k7Qz2' },
        { action: 'dial', label: 'Dial', key: 'k7Qz2' },
        { action: 'dtmf', label: 'DTMF', key: 'k7Qz2' },
        {
          action: 'end',
          label: 'End',
          key: 'k7Qz2',
          style: 'danger',
          confirm: { title: 'End meeting?', text: 'Everyone is disconnected.', confirm: 'End', deny: 'Keep' },
        },
      ],
    },
    {
      type: 'select',
      select: {
        action: 'kick',
        key: 'k7Qz2',
        placeholder: 'Remove someone…',
        options: Array.from({ length: 30 }, (_, n) => ({ label: `Person ${n}`, value: `conn-${n}` })),
        confirm: {
          title: 'Remove participant?',
          text: 'They can rejoin.',
          confirm: 'Remove',
          deny: 'Cancel',
        },
      },
    },
    { type: 'context', text: 'Started by Ana' },
  ],
};

describe('custom IDs', () => {
  it('round-trip and stay within 100 characters with a connection ID value', () => {
    const id = encodeCustomId({
      kind: 'run',
      action: 'mute',
      key: 'k7Qz2',
      value: 'c3d5f0a8-6d3a-4c9e-9e8a-0f9b2b6c1e77',
    });
    expect(id).toBe('v1|mute|k7Qz2|c3d5f0a8-6d3a-4c9e-9e8a-0f9b2b6c1e77');
    expect(decodeCustomId(id)).toEqual({
      kind: 'run',
      action: 'mute',
      key: 'k7Qz2',
      value: 'c3d5f0a8-6d3a-4c9e-9e8a-0f9b2b6c1e77',
    });
  });

  it('refuses IDs over 100 characters and rejects foreign IDs', () => {
    expect(() => encodeCustomId({ kind: 'run', action: 'x', key: 'k', value: 'v'.repeat(100) })).toThrow(
      /allows 100/,
    );
    expect(decodeCustomId('something-else')).toBeNull();
    expect(decodeCustomId('v9|a|b|')).toBeNull();
  });
});

describe('renderMessage', () => {
  it('renders a card as one embed with rows of at most five buttons, links first, never pinging anyone', () => {
    const memory = new ComponentMemory();
    const msg = renderMessage(card, memory);
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    const embed = msg.embeds[0]!;
    expect(embed.title).toBe('Weekly sync');
    expect(embed.description).toContain('⚠️ Recording is on.');
    expect(embed.color).toBe(0xfee75c);
    expect(embed.fields).toEqual([
      { name: 'Recording', value: 'on', inline: true },
      { name: 'Broadcast', value: '—', inline: true },
    ]);
    expect(embed.footer?.text).toBe('Started by Ana');
    expect(msg.components.length).toBeLessThanOrEqual(5);
    const [links, first, second, select] = msg.components;
    expect(links!.components[0]).toMatchObject({
      style: 5,
      url: 'https://bot.example.com/join/abc',
      label: 'Join',
    });
    expect(first!.components).toHaveLength(5);
    expect(second!.components).toHaveLength(1);
    expect(first!.components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual([
      'v1|record.stop|k7Qz2|',
      'v1m|live.start|k7Qz2|',
      'v1|mute.all|k7Qz2|',
      'v1|dial|k7Qz2|',
      'v1|dtmf|k7Qz2|',
    ]);
    expect(second!.components[0]).toMatchObject({ custom_id: 'v1c|end|k7Qz2|', style: 4 });
    const menu = select!.components[0] as { type: number; custom_id: string; options: unknown[] };
    expect(menu).toMatchObject({ type: 3, custom_id: 'v1c|kick|k7Qz2|' });
    expect(menu.options).toHaveLength(25);
    expect(memory.recall('live.start', 'k7Qz2')?.modal).toBe(goLive);
    expect(memory.recall('kick', 'k7Qz2')?.confirm?.confirm).toBe('Remove');
  });

  it('renders a short reply as plain content', () => {
    const msg = renderMessage({
      visibility: 'ephemeral',
      blocks: [
        { type: 'notice', level: 'error', text: 'No meeting here.' },
        { type: 'context', text: 'Usage: `/video start`' },
      ],
    });
    expect(msg.embeds).toEqual([]);
    expect(msg.content).toBe('❌ No meeting here.\n-# Usage: `/video start`');
  });
});

describe('component extras', () => {
  it("finds a button's modal and a select's confirmation in a view, per meeting key in memory", () => {
    expect(extrasIn(card, 'live.start')?.modal).toBe(goLive);
    expect(extrasIn(card, 'kick')?.confirm?.title).toBe('Remove participant?');
    expect(extrasIn(card, 'record.stop')).toBeUndefined();
    const memory = new ComponentMemory();
    renderMessage(card, memory);
    expect(memory.recall('live.start', 'other-meeting')).toBeUndefined();
  });
});

describe('modals', () => {
  it('renders Label-wrapped inputs with a short custom ID and a title cut to 45 characters', () => {
    const m = renderModal(goLive, 'k7Qz2');
    expect(m.custom_id).toBe('v1|live.start|k7Qz2|');
    expect(m.title.length).toBeLessThanOrEqual(45);
    expect(m.components).toHaveLength(5);
    expect(m.components.map((c) => (c as { component: { type: number } }).component.type)).toEqual([
      4, 4, 23, 3, 4,
    ]);
    expect((m.components[4] as { component: { style: number } }).component.style).toBe(2);
  });

  it('refuses more than five fields', () => {
    expect(() => renderModal({ ...goLive, fields: [...goLive.fields, goLive.fields[0]!] }, 'k')).toThrow(
      /allows 5/,
    );
  });

  it('reads submitted values from Label and legacy action-row components', () => {
    const fields = readModalFields([
      { type: 18, component: { type: 4, custom_id: 'rtmp_url', value: 'rtmp://a/live' } },
      { type: 18, component: { type: 4, custom_id: 'rtmp_key', value: '' } },
      { type: 18, component: { type: 23, custom_id: 'hls', value: true } },
      { type: 18, component: { type: 3, custom_id: 'layout', values: ['bestFit'] } },
      { type: 1, components: [{ type: 4, custom_id: 'digits', value: '1234#' }] },
    ]);
    expect(fields).toEqual({
      rtmp_url: 'rtmp://a/live',
      rtmp_key: undefined,
      hls: true,
      layout: 'bestFit',
      digits: '1234#',
    });
    expect(readModalFields('nonsense')).toEqual({});
  });
});
