import { describe, expect, it } from 'vitest';
import type { Modal, View } from '../../../src/chat.js';
import { decodeActionId, encodeActionId } from '../../../adapters/slack/action-id.js';
import {
  MODAL_CALLBACK_ID,
  readModalMetadata,
  readSubmission,
  renderModal,
} from '../../../adapters/slack/modal.js';
import { renderView } from '../../../adapters/slack/render.js';

const liveModal: Modal = {
  action: 'live.start',
  title: 'Go live from this meeting now',
  submitLabel: 'Go live',
  fields: [
    { id: 'rtmpUrl', label: 'RTMP URL', kind: 'text', required: false, placeholder: 'rtmp://…' },
    { id: 'streamKey', label: 'Stream key', kind: 'text', required: false, secret: true },
    { id: 'hls', label: 'Also HLS', kind: 'checkbox', required: false },
    { id: 'maxDuration', label: 'Max duration (s)', kind: 'number', required: false },
    {
      id: 'layout',
      label: 'Layout',
      kind: 'select',
      required: true,
      options: [{ label: 'Best fit', value: 'bestFit' }],
    },
  ],
};

const card: View = {
  visibility: 'channel',
  title: 'Weekly sync',
  cardOf: 'k1',
  blocks: [
    { type: 'context', text: 'Recording **00:12**' },
    {
      type: 'fields',
      fields: [
        { label: 'Host', value: 'Ann' },
        { label: 'People', value: '3' },
      ],
    },
    { type: 'notice', level: 'warning', text: 'Broadcast failed' },
    { type: 'link', label: 'Open <docs>', url: 'https://example.test/a|b' },
    {
      type: 'buttons',
      buttons: [
        { action: 'join', label: 'Join', key: 'k1', style: 'primary' },
        { action: 'live.start', label: 'Go live', key: 'k1', modal: liveModal },
        {
          action: 'end',
          label: 'End',
          key: 'k1',
          style: 'danger',
          confirm: { title: 'End?', text: 'Ends for all', confirm: 'End', deny: 'Keep' },
        },
      ],
    },
    {
      type: 'select',
      select: {
        action: 'kick',
        key: 'k1',
        placeholder: 'Kick…',
        options: [{ label: 'Bob', value: 'conn-1', description: 'camera on' }],
        confirm: { title: 'Kick?', text: 'Sure?', confirm: 'Kick', deny: 'No' },
      },
    },
    { type: 'divider' },
  ],
};

describe('renderView', () => {
  it('renders header, context, fields, notices, links, buttons, selects and dividers', () => {
    const out = renderView(card);
    expect(out.blocks.map((b) => b.type)).toEqual([
      'header',
      'context',
      'section',
      'section',
      'section',
      'actions',
      'actions',
      'divider',
    ]);
    expect(JSON.stringify(out.blocks[1])).toContain('Recording *00:12*');
    expect(JSON.stringify(out.blocks[4])).toContain('<https://example.test/a%7Cb|Open &lt;docs&gt;>');
    const actions = out.blocks[5] as unknown as { elements: Array<Record<string, unknown>> };
    // Confirmations are the bot's own modals (asked after the role check), not Slack's dialog.
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      'join:k1',
      'modal:live.start:k1',
      'modal:end:k1',
    ]);
    expect(actions.elements[2]).toMatchObject({ style: 'danger' });
    expect(actions.elements[2]).not.toHaveProperty('confirm');
    const select = (out.blocks[6] as unknown as { elements: Array<Record<string, unknown>> }).elements[0];
    expect(select).toMatchObject({
      type: 'static_select',
      action_id: 'modal:kick:k1',
      options: [{ value: 'conn-1' }],
    });
    expect(JSON.stringify(select)).not.toContain('description');
    expect(select).not.toHaveProperty('confirm');
    expect(out.modals.get('live.start')).toBe(liveModal);
    expect(out.text).toContain('Weekly sync');
  });

  it('escapes mentions so user text cannot ping a channel', () => {
    const out = renderView({
      visibility: 'channel',
      blocks: [{ type: 'text', text: 'hi <!channel> & **all**' }],
    });
    expect(JSON.stringify(out.blocks)).toContain('hi &lt;!channel&gt; &amp; *all*');
  });

  it('keeps Slack limits: 50 blocks, 25 elements per actions block, text lengths, unique action ids', () => {
    const many: View = {
      visibility: 'channel',
      title: 'x'.repeat(400),
      blocks: [
        ...Array.from({ length: 80 }, (_, i) => ({
          type: 'text' as const,
          text: `line ${i} ` + 'y'.repeat(4000),
        })),
        {
          type: 'buttons',
          buttons: Array.from({ length: 30 }, () => ({
            action: 'mute.one',
            label: 'L'.repeat(100),
            key: 'k',
            value: 'v',
          })),
        },
      ],
    };
    const out = renderView(many);
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    const header = out.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    const actions = out.blocks.filter((b) => b.type === 'actions') as Array<{
      elements: Array<{ action_id: string; text: { text: string } }>;
    }>;
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    const ids = actions.flatMap((a) => a.elements.map((e) => e.action_id));
    expect(new Set(ids).size).toBe(30);
    expect(actions[0]?.elements[0]?.text.text.length).toBeLessThanOrEqual(75);
    for (const b of out.blocks)
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(out.blocks.at(-1))).toContain('more items not shown');
  });

  it('round-trips action ids, including repeats and modal openers', () => {
    expect(decodeActionId(encodeActionId('mute.one', 'k9', { n: 2 }))).toEqual({
      action: 'mute.one',
      key: 'k9',
      opensModal: false,
    });
    expect(decodeActionId('modal:dial:k9')).toEqual({ action: 'dial', key: 'k9', opensModal: true });
    expect(decodeActionId('garbage')).toBeNull();
    expect(decodeActionId('a:b:c:d')).toBeNull();
  });
});

describe('renderModal and submissions', () => {
  it('builds a views.open payload with typed inputs and context in private_metadata', () => {
    const view = renderModal(liveModal, { action: 'live.start', key: 'k1', channel: 'C1' });
    expect(view.callback_id).toBe(MODAL_CALLBACK_ID);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(readModalMetadata(view.private_metadata)).toEqual({
      action: 'live.start',
      key: 'k1',
      channel: 'C1',
    });
    const types = view.blocks.map((b) => (b as { element: { type: string } }).element.type);
    expect(types).toEqual([
      'plain_text_input',
      'plain_text_input',
      'checkboxes',
      'number_input',
      'static_select',
    ]);
    const key = view.blocks[1] as unknown as { hint?: { text: string }; element: Record<string, unknown> };
    expect(key.hint?.text).toMatch(/never shown/);
    expect(key.element.initial_value).toBeUndefined();
    expect((view.blocks[4] as { optional: boolean }).optional).toBe(false);
  });

  it('escapes &, < and > once in the modal title, labels, hints, placeholders and options', () => {
    const hostile = '<!here> Q&A';
    const view = renderModal(
      {
        action: 'dtmf',
        title: hostile,
        submitLabel: hostile,
        fields: [
          { id: 'a', label: hostile, kind: 'text', required: true, placeholder: hostile, hint: hostile },
          {
            id: 'b',
            label: hostile,
            kind: 'select',
            required: false,
            options: [{ label: hostile, value: 'v' }],
          },
        ],
      },
      { action: 'dtmf', key: 'k1', channel: 'C1' },
    );
    expect(view.title.text).toBe('&lt;!here&gt; Q&amp;A');
    const wire = JSON.stringify({ ...view, private_metadata: '' });
    expect(wire).not.toContain('<!here>');
    expect(wire).not.toContain('Q&A');
    expect(wire).not.toContain('&amp;amp;');
  });

  it('reads submitted state into ActionRequest fields', () => {
    const fields = readSubmission({
      rtmpUrl: { rtmpUrl: { type: 'plain_text_input', value: ' rtmp://a/b ' } },
      streamKey: { streamKey: { type: 'plain_text_input', value: null } },
      hls: { hls: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
      maxDuration: { maxDuration: { type: 'number_input', value: '600' } },
      layout: { layout: { type: 'static_select', selected_option: { value: 'bestFit' } } },
    });
    expect(fields).toEqual({
      rtmpUrl: 'rtmp://a/b',
      streamKey: undefined,
      hls: true,
      maxDuration: '600',
      layout: 'bestFit',
    });
    expect(readSubmission('nonsense')).toEqual({});
    expect(readModalMetadata('{"a":1}')).toBeNull();
  });
});
