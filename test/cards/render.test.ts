import { describe, expect, it } from 'vitest';
import type { Block, Button, View } from '../../src/chat.js';
import { recordingAvailableView } from '../../src/cards/followup.js';
import { renderCard } from '../../src/cards/render.js';
import { NOW, snapshot } from './fixtures.js';
import { textOf } from './recording-publisher.js';

const buttons = (v: View): Button[] => v.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
const selects = (v: View) => v.blocks.flatMap((b: Block) => (b.type === 'select' ? [b.select] : []));
const actions = (v: View) => buttons(v).map((b) => b.action);

describe('renderCard', () => {
  it('shows title, host, running time and who publishes what', () => {
    const s = snapshot(['Ann', 'Bob']);
    s.streams.push({ ...s.streams[0]!, streamId: 'scr', videoType: 'screen' });
    s.streams[1]!.muted = true;
    const v = renderCard(s, NOW);
    expect(v.cardOf).toBe('k1');
    expect(v.title).toBe('Weekly sync');
    const text = textOf(v);
    expect(text).toContain('Host: Ada');
    expect(text).toContain('Running: 12m 05s');
    expect(text).toContain('Participants: 2');
    expect(text).toContain('• **Ann** — camera, screen');
    expect(text).toContain('• **Bob** — camera (muted)');
  });

  it('lists the first ten participants then "and k more"', () => {
    const v = renderCard(snapshot(Array.from({ length: 13 }, (_, i) => `P${i}`)), NOW);
    const text = textOf(v);
    expect(text).toContain('**P9**');
    expect(text).not.toContain('**P10**');
    expect(text).toContain('and 3 more');
    expect(text).toContain('Participants: 13');
  });

  it('offers the buttons that fit an idle meeting, every one keyed by the meeting', () => {
    const v = renderCard(snapshot(['Ann']), NOW);
    expect(actions(v)).toEqual([
      'join',
      'record.start',
      'live.start',
      'end',
      'mute.all',
      'dial',
      'captions.start',
    ]);
    expect(buttons(v).every((b) => b.key === 'k1')).toBe(true);
    const live = buttons(v).find((b) => b.action === 'live.start')!;
    expect(live.modal?.fields.map((f) => f.id)).toEqual(['rtmp_url', 'rtmp_key', 'hls', 'max_duration']);
    expect(live.modal?.fields.find((f) => f.id === 'rtmp_key')?.secret).toBe(true);
    expect(
      buttons(v)
        .find((b) => b.action === 'dial')!
        .modal?.fields.map((f) => f.id),
    ).toEqual(['uri', 'from', 'video']);
    expect(buttons(v).find((b) => b.action === 'end')!.confirm).toBeDefined();
    expect(selects(v).map((x) => x.action)).toEqual(['mute', 'kick']);
    expect(selects(v).find((x) => x.action === 'kick')!.confirm).toBeDefined();
    expect(selects(v)[0]!.options).toEqual([{ label: 'Ann', value: 'c0' }]);
  });

  it('switches buttons while recording, live, muted and on a call, and never shows a stream key', () => {
    const s = snapshot(['Ann'], {
      recordings: [
        {
          id: 'a1',
          meetingId: 'k1',
          name: 'Sync',
          status: 'started',
          outputMode: 'composed',
          createdAt: NOW - 65_000,
          duration: 0,
          size: 0,
          startedBy: 'U0',
          announcedAt: null,
          seq: 1,
        },
      ],
      broadcasts: [
        {
          id: 'b1',
          meetingId: 'k1',
          status: 'started',
          hlsUrl: 'https://cdn.example/hls.m3u8',
          rtmp: [
            { id: 'yt', serverUrl: 'rtmp://a.rtmp.youtube.com/live2/abcd-SECRETKEY?key=zz', status: 'live' },
          ],
          createdAt: NOW - 5000,
          startedBy: 'U0',
          seq: 1,
        },
      ],
      sipLegs: [
        {
          id: 'call',
          meetingId: 'k1',
          connectionId: 'sipc',
          streamId: null,
          uri: 'sip:+1555@example.com',
          state: 'ACTIVE',
          createdAt: NOW,
          endedAt: null,
          seq: 1,
        },
      ],
    });
    s.meeting.muteAll = true;
    const v = renderCard(s, NOW);
    expect(actions(v)).toEqual([
      'join',
      'record.stop',
      'live.stop',
      'end',
      'mute.off',
      'dial',
      'captions.start',
      'dtmf',
    ]);
    const text = textOf(v);
    expect(text).toContain('Recording `Sync` — 1m 05s');
    expect(text).toContain('Live — 5s · HLS, RTMP rtmp://a.rtmp.youtube.com/live2 (live)');
    expect(text).toContain('Phone: `sip:+1555@example.com` active');
    expect(JSON.stringify(v)).not.toContain('SECRETKEY');
    expect(JSON.stringify(v)).not.toContain('key=zz');
    const dtmf = buttons(v).find((b) => b.action === 'dtmf')!.modal!;
    expect(dtmf.fields.find((f) => f.id === 'who')?.options).toEqual([
      { label: 'sip:+1555@example.com', value: 'sipc' },
    ]);
  });

  it('closes the card of an ended meeting without controls', () => {
    const s = snapshot(['Ann']);
    s.meeting.status = 'ended';
    s.meeting.endedAt = s.meeting.createdAt + 3_600_000 + 120_000;
    const v = renderCard(s, NOW);
    expect(v.title).toBe('Weekly sync (ended)');
    expect(textOf(v)).toContain('Lasted: 1h 02m');
    expect(v.blocks.some((b) => b.type === 'buttons' || b.type === 'select')).toBe(false);
  });

  it('keeps markup out of names and says when nobody is there', () => {
    expect(textOf(renderCard(snapshot([]), NOW))).toContain('Nobody has joined yet.');
    expect(textOf(renderCard(snapshot(['**evil** `x`']), NOW))).toContain('• **evil x** — camera');
  });
});

describe('recordingAvailableView', () => {
  it('gives name, duration, size and a fresh-link button', () => {
    const v = recordingAvailableView('k1', {
      id: 'a1',
      name: 'Standup',
      duration: 3725,
      size: 10 * 1024 * 1024,
    });
    expect(textOf(v)).toContain('Name: Standup');
    expect(textOf(v)).toContain('Duration: 1h 02m');
    expect(textOf(v)).toContain('Size: 10.0 MB');
    expect(buttons(v)).toEqual([
      { action: 'recording.link', label: 'Get download link', key: 'k1', value: 'a1', style: 'primary' },
    ]);
  });

  it('says "Captions on (language)" only while a run is reported started, and toggles the button', () => {
    const run = {
      id: 'cap1',
      meetingId: 'k1',
      status: 'requested',
      language: 'fr-FR',
      startedBy: 'U1',
      createdAt: NOW - 1000,
      stoppedAt: null,
      seq: 1,
    };
    const asked = renderCard({ ...snapshot(['Ann']), captions: [run] }, NOW);
    expect(textOf(asked)).not.toContain('Captions on');
    expect(actions(asked)).toContain('captions.start');
    const on = renderCard({ ...snapshot(['Ann']), captions: [{ ...run, status: 'started' }] }, NOW);
    expect(textOf(on)).toContain('Captions on (fr-FR)');
    expect(actions(on)).toContain('captions.stop');
    expect(actions(on)).not.toContain('captions.start');
    const off = renderCard(
      { ...snapshot(['Ann']), captions: [{ ...run, status: 'stopped', stoppedAt: NOW }] },
      NOW,
    );
    expect(textOf(off)).not.toContain('Captions on');
    expect(actions(off)).toContain('captions.start');
  });
});
