import { describe, expect, it } from 'vitest';
import type { Button, View } from '../../src/chat.js';
import { renderCard } from '../../src/cards/render.js';
import { meetingState } from '../../src/cards/state.js';
import type { SipLegRecord } from '../../src/store/types.js';
import { NOW, conn, snapshot, stream } from './fixtures.js';
import { textOf } from './recording-publisher.js';

// meetingState is the one place that decides what a meeting looks like; each case here is an
// untruth a card used to tell.

const buttons = (v: View): Button[] => v.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
const selectOptions = (v: View, action: string) =>
  v.blocks.flatMap((b) => (b.type === 'select' && b.select.action === action ? b.select.options : []));

function leg(n: number, patch: Partial<SipLegRecord> = {}): SipLegRecord {
  return {
    id: `call${n}`,
    meetingId: 'k1',
    connectionId: `sip${n}`,
    streamId: `sips${n}`,
    uri: '+15551234567',
    state: 'ACTIVE',
    createdAt: NOW - 10_000 + n,
    endedAt: null,
    seq: 1,
    ...patch,
  };
}

describe('meetingState', () => {
  it('says everyone left once everyone has left, not that nobody joined', () => {
    const s = snapshot([], { connections: [conn('c1', { leftAt: NOW - 1000 })] });
    const text = textOf(renderCard(s, NOW));
    expect(text).toContain('Everyone has left.');
    expect(text).not.toContain('Nobody has joined yet');
    expect(text).toContain('Participants: 0');
    expect(textOf(renderCard(snapshot([]), NOW))).toContain('Nobody has joined yet.');
  });

  it('does not show the stream of someone just removed as a stranger', () => {
    // After a kick the connection has left but its streamDestroyed is a moment behind.
    const s = snapshot([], {
      connections: [conn('c1', { leftAt: NOW - 100, reason: 'forceDisconnected' })],
      streams: [stream('s1', 'c1')],
    });
    expect(meetingState(s).unidentifiedStreams).toBe(0);
    expect(textOf(renderCard(s, NOW))).not.toContain('not yet identified');
    // A stream whose connection was never heard of is still shown: someone is there.
    const lost = snapshot([], { streams: [stream('s2', '')] });
    expect(textOf(renderCard(lost, NOW))).toContain('1 stream from someone not yet identified');
  });

  it('labels and lists the media of a meeting of 1,000 exactly (each looked up once, not per stream)', () => {
    // Names repeat every 10 people (any case); every 7th has no name of their own but published a
    // stream under one; every odd person also shares a screen; one stream is already gone.
    const names = Array.from({ length: 1_000 }, (_, i) =>
      i % 7 === 3 ? '' : i % 2 ? `ann ${i % 10}` : `Ann ${i % 10}`,
    );
    const base = snapshot(names);
    const streams = [
      ...base.streams.map((st, i) => (i % 7 === 3 ? { ...st, name: `Pub ${i}` } : st)),
      ...names.flatMap((_, i) => (i % 2 ? [stream(`scr${i}`, `c${i}`, { videoType: 'screen' })] : [])),
      stream('gone', 'c0', { videoType: 'screen', destroyedAt: NOW - 1 }),
    ];
    const st = meetingState({ ...base, streams });
    expect(st.people).toHaveLength(1_000);
    const at = (i: number) => st.people[i]!;
    expect(at(3).label).toBe('Pub 3');
    // 'Ann 0' / 'ann 0' (case aside) is held by people 0, 10, 20 ... except those named by a stream.
    const ann0 = names.flatMap((n, i) => (n.toLowerCase() === 'ann 0' ? [i] : []));
    expect(ann0.map((i) => at(i).label)).toEqual(ann0.map((i, k) => `${names[i]} #${k + 1}`));
    expect(at(0).media.map((m) => m.type)).toEqual(['camera']);
    expect(at(1).media.map((m) => m.type)).toEqual(['camera', 'screen']);
    expect(at(999).media.map((m) => m.streamId)).toEqual(['s999', 'scr999']);
  });

  it('keeps "muted" on a muted camera when a screen share starts', () => {
    const s = snapshot([], {
      connections: [conn('c1', { name: 'Ann' })],
      streams: [stream('cam', 'c1', { muted: true }), stream('scr', 'c1', { videoType: 'screen' })],
    });
    expect(textOf(renderCard(s, NOW))).toContain('• **Ann** — camera (muted), screen');
  });

  it('numbers the same number dialled five times, on the card, in the kick list and the DTMF form', () => {
    const legs = [1, 2, 3, 4, 5].map((n) => leg(n));
    const s = snapshot(['Ann'], {
      sipLegs: legs,
      connections: [
        ...snapshot(['Ann']).connections,
        ...legs.map((l, i) =>
          conn(l.connectionId, { kind: 'sip', name: l.uri, userId: 'U0', joinedAt: NOW - 9000 + i }),
        ),
      ],
      streams: [
        ...snapshot(['Ann']).streams,
        ...legs.map((l) => stream(l.streamId!, l.connectionId, { videoType: null })),
      ],
    });
    const st = meetingState(s);
    expect(st.people.map((p) => p.label)).toEqual([
      'Ann',
      '+15551234567 #1',
      '+15551234567 #2',
      '+15551234567 #3',
      '+15551234567 #4',
      '+15551234567 #5',
    ]);
    expect(st.calls.map((c) => c.label)).toEqual(st.people.slice(1).map((p) => p.label));
    const v = renderCard(s, NOW);
    expect(textOf(v)).toContain('• **+15551234567 #3** (phone) — audio');
    expect(new Set(selectOptions(v, 'kick').map((o) => o.label)).size).toBe(6);
    const dtmf = buttons(v).find((b) => b.action === 'dtmf')!.modal!;
    expect(dtmf.fields.find((f) => f.id === 'who')?.options?.map((o) => o.label)).toContain(
      '+15551234567 #5',
    );
  });

  it('lists a leg still dialling under its number, numbered with the legs already connected', () => {
    const s = snapshot([], {
      sipLegs: [leg(1), leg(2, { state: 'dialing' })],
      connections: [conn('sip1', { kind: 'sip', name: '+15551234567' })],
    });
    const st = meetingState(s);
    expect(st.calls.map((c) => `${c.label} ${c.state}`)).toEqual([
      '+15551234567 #1 active',
      '+15551234567 #2 dialing',
    ]);
  });

  it('does not offer recording, live streaming or dialling in a relayed meeting, and says why', () => {
    const s = snapshot(['Ann']);
    s.meeting.options.relayed = true;
    const v = renderCard(s, NOW);
    expect(buttons(v).map((b) => b.action)).toEqual(['join', 'end', 'mute.all']);
    expect(textOf(v)).toContain('Relayed meeting (peer to peer)');
  });

  it('does not count composers and audio streams as participants', () => {
    const s = snapshot(['Ann'], {
      connections: [
        ...snapshot(['Ann']).connections,
        conn('render-c', { kind: 'render', name: 'Experience Composer' }),
        conn('audio-c', { kind: 'audio', name: 'Audio Connector' }),
      ],
      streams: [...snapshot(['Ann']).streams, stream('rs', 'render-c'), stream('as', 'audio-c')],
      renders: [
        {
          id: 'r1',
          meetingId: 'k1',
          status: 'started',
          url: 'https://x',
          streamId: 'rs',
          createdAt: NOW,
          seq: 1,
        },
      ],
      audioStreams: [
        {
          id: 'a1',
          meetingId: 'k1',
          connectionId: 'audio-c',
          uri: 'wss://asr.example/socket',
          status: 'active',
          createdAt: NOW,
          seq: 1,
        },
      ],
    });
    const text = textOf(renderCard(s, NOW));
    expect(text).toContain('Participants: 1');
    expect(text).not.toContain('Composer**');
    expect(text).not.toContain('not yet identified');
    expect(text).toContain('Also connected: composer running, audio stream to `wss://asr.example/socket`');
  });

  it('uses the best name available: token data, then the stream name, then "Guest"', () => {
    const s = snapshot([], {
      connections: [
        conn('a', { kind: 'unknown', userId: null, name: 'Alice', joinedAt: NOW - 4 }),
        conn('b', { kind: 'unknown', userId: null, name: '', joinedAt: NOW - 3 }),
        conn('c', { kind: 'unknown', userId: null, name: '', joinedAt: NOW - 2 }),
        // Rows written before names were read from foreign data say "Guest".
        conn('d', { kind: 'unknown', userId: null, name: 'Guest', joinedAt: NOW - 1 }),
      ],
      streams: [stream('sb', 'b', { name: 'Bob (iPad)' }), stream('sd', 'd', { name: 'Dee' })],
    });
    expect(meetingState(s).people.map((p) => p.label)).toEqual(['Alice', 'Bob (iPad)', 'Guest', 'Dee']);
  });

  it('tells two people with one name apart', () => {
    const s = snapshot(['Sam', 'Sam']);
    expect(meetingState(s).people.map((p) => p.label)).toEqual(['Sam #1', 'Sam #2']);
  });
});
