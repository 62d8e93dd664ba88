import { describe, expect, it } from 'vitest';
import { presenceSeq } from '../../src/events/order.js';
import {
  planPresenceRepairs,
  type ApiSnapshot,
  type PresenceFacts,
} from '../../src/events/reconcile-plan.js';
import type { SipLegRecord, StoreWrite } from '../../src/store/types.js';
import { conn, snapshot, stream } from '../cards/fixtures.js';

// The reconciliation rule on its own: a snapshot newer than an event wins over it, and vice versa;
// a destroy callback is final.

const meeting = snapshot().meeting;
const T = 1_800_000_000_000;
const facts = (p: Partial<PresenceFacts> = {}): PresenceFacts => ({
  connections: [],
  streams: [],
  sipLegs: [],
  audioStreams: [],
  ...p,
});
const api = (p: Partial<ApiSnapshot> = {}): ApiSnapshot => ({
  takenAt: T,
  streams: [],
  connections: [],
  ...p,
});
const plan = (f: PresenceFacts, a: ApiSnapshot) => planPresenceRepairs(meeting, f, a, { skewMs: 0 });
const records = (ws: StoreWrite[]) => ws.map((w) => ('record' in w ? w.record : w));

function leg(p: Partial<SipLegRecord> = {}): SipLegRecord {
  return {
    id: 'call',
    meetingId: 'k1',
    connectionId: 'sipc',
    streamId: 'sips',
    uri: '+1555',
    state: 'ACTIVE',
    createdAt: T - 60_000,
    endedAt: null,
    seq: T - 59_000,
    ...p,
  };
}

describe('planPresenceRepairs', () => {
  it('a snapshot newer than a stream event ends the stream; an event newer than the snapshot stands', () => {
    const old = stream('s-old', 'c1', { seq: T - 10_000 });
    const fresh = stream('s-new', 'c1', { seq: T + 5 });
    const ws = plan(
      facts({ streams: [old, fresh], connections: [conn('c1')] }),
      api({ connections: [{ connectionId: 'c1' }] }),
    );
    expect(records(ws)).toEqual([{ ...old, destroyedAt: T, reason: 'reconciled', seq: T }]);
  });

  it('never brings back a stream a callback destroyed, but undoes an older snapshot that was wrong', () => {
    const byCallback = stream('s1', 'c1', { destroyedAt: T - 5000, seq: presenceSeq(true, T - 5000) });
    const bySnapshot = stream('s2', 'c1', { destroyedAt: T - 60_000, reason: 'reconciled', seq: T - 60_000 });
    const ws = plan(
      facts({ streams: [byCallback, bySnapshot], connections: [conn('c1')] }),
      api({ streams: [{ id: 's1' }, { id: 's2' }], connections: [{ connectionId: 'c1' }] }),
    );
    expect(records(ws)).toEqual([{ ...bySnapshot, destroyedAt: null, reason: null, seq: T }]);
  });

  it('leaves facts stamped within the clock-skew margin to the next snapshot', () => {
    const s = stream('s1', 'c1', { seq: T - 500 });
    expect(planPresenceRepairs(meeting, facts({ streams: [s] }), api(), { skewMs: 2000 })).toEqual([]);
    expect(planPresenceRepairs(meeting, facts({ streams: [s] }), api(), { skewMs: 100 })).toHaveLength(1);
  });

  it('adds streams and connections it never heard of, below any event (seq 1) so a late event names them', () => {
    const ws = plan(
      facts({ sipLegs: [leg({ streamId: 'sips' })] }),
      api({
        streams: [
          { id: 'lost', videoType: 'screen', name: 'Deck' },
          { id: 'sips', videoType: null },
        ],
        connections: [{ connectionId: 'stranger', createdAt: T - 9000 }, { connectionId: 'sipc' }],
      }),
    );
    expect(records(ws)).toEqual([
      expect.objectContaining({
        streamId: 'lost',
        // Both lost their events and nobody else can have published it: they are each other's.
        connectionId: 'stranger',
        videoType: 'screen',
        name: 'Deck',
        seq: 1,
      }),
      expect.objectContaining({ streamId: 'sips', connectionId: 'sipc', videoType: null, seq: 1 }),
      expect.objectContaining({
        connectionId: 'stranger',
        kind: 'unknown',
        name: '',
        joinedAt: T - 9000,
        seq: 1,
      }),
      expect.objectContaining({ connectionId: 'sipc', kind: 'sip', name: '+1555', seq: 1 }),
    ]);
  });

  it('ends a connection the API no longer lists (a browser that died), and brings back one wrongly ended', () => {
    const dead = conn('dead', { seq: T - 30_000 });
    const back = conn('back', { leftAt: T - 60_000, reason: 'reconciled', seq: T - 60_000 });
    const left = conn('left', { leftAt: T - 1000, seq: presenceSeq(true, T - 1000) });
    const ws = plan(
      facts({ connections: [dead, back, left] }),
      api({ connections: [{ connectionId: 'back' }, { connectionId: 'left' }] }),
    );
    expect(records(ws)).toEqual([
      { ...dead, leftAt: T, reason: 'reconciled', seq: T },
      { ...back, leftAt: null, reason: null, seq: T },
    ]);
  });

  it('without the connection list, ends only connections whose every stream is gone', () => {
    const published = conn('p', { seq: T - 30_000 });
    const watcher = conn('w', { seq: T - 30_000 });
    const ws = plan(
      facts({ connections: [published, watcher], streams: [stream('ps', 'p', { seq: T - 20_000 })] }),
      api({ connections: null }),
    );
    expect(records(ws)).toEqual([
      expect.objectContaining({ streamId: 'ps', destroyedAt: T }),
      { ...published, leftAt: T, reason: 'reconciled', seq: T },
    ]);
  });

  it('hangs up a phone leg whose connection is gone, but not one still ringing', () => {
    const gone = leg();
    const ringing = leg({ id: 'call2', connectionId: 'sipc2', streamId: null, createdAt: T - 3000, seq: 0 });
    const ws = plan(facts({ sipLegs: [gone, ringing] }), api());
    expect(records(ws)).toEqual([{ ...gone, state: 'HANGUP', endedAt: T, seq: T }]);
    // Without the connection list, the leg's own stream decides.
    expect(
      records(plan(facts({ sipLegs: [gone] }), api({ connections: null, streams: [{ id: 'sips' }] }))),
    ).toEqual([expect.objectContaining({ streamId: 'sips', connectionId: 'sipc' })]);
  });

  it('stops an audio stream whose connection is gone', () => {
    const a = {
      id: 'a1',
      meetingId: 'k1',
      connectionId: 'ac',
      uri: 'wss://x',
      status: 'active' as const,
      createdAt: T - 60_000,
      seq: 0,
    };
    expect(records(plan(facts({ audioStreams: [a] }), api()))).toEqual([{ ...a, status: 'stopped', seq: T }]);
    expect(plan(facts({ audioStreams: [a] }), api({ connections: [{ connectionId: 'ac' }] }))).toEqual([
      expect.objectContaining({ kind: 'connection' }),
    ]);
  });
});

describe('a stream whose streamCreated was lost', () => {
  it('goes to the one connection known only from the listing, not when there are two', () => {
    const camera = { id: 's1', videoType: 'camera', name: 'Zed' };
    const screen = { id: 's2', videoType: 'screen', name: 'Zed' };
    const one = plan(facts(), api({ streams: [camera, screen], connections: [{ connectionId: 'x1' }] }));
    expect(records(one)).toMatchObject([
      { streamId: 's1', connectionId: 'x1' },
      { streamId: 's2', connectionId: 'x1' },
      { connectionId: 'x1', kind: 'unknown', name: '' },
    ]);
    const two = plan(
      facts(),
      api({ streams: [camera], connections: [{ connectionId: 'x1' }, { connectionId: 'x2' }] }),
    );
    expect(records(two)).toMatchObject([{ streamId: 's1', connectionId: '' }, {}, {}]);
  });

  const present = [conn('cA', { name: 'Ann', seq: T - 9000 }), conn('cB', { name: 'Bob', seq: T - 9000 })];
  const listed = { connections: [{ connectionId: 'cA' }, { connectionId: 'cB' }] };

  it('belongs to the one present person whose name it carries', () => {
    const ws = plan(
      facts({ connections: present }),
      api({ ...listed, streams: [{ id: 's9', name: 'Bob' }] }),
    );
    expect(records(ws)).toMatchObject([{ streamId: 's9', connectionId: 'cB', seq: 1 }]);
  });

  it('stays unattributed when its name singles out nobody, then finds its owner once it can', () => {
    const twins = [...present, conn('cC', { name: 'Bob', seq: T - 9000 })];
    const unnamed = plan(
      facts({ connections: twins }),
      api({
        connections: [...listed.connections, { connectionId: 'cC' }],
        streams: [
          { id: 's9', name: 'Bob' },
          { id: 's8', name: '' },
        ],
      }),
    );
    expect(records(unnamed)).toMatchObject([
      { streamId: 's9', connectionId: '' },
      { streamId: 's8', connectionId: '' },
    ]);
    // A later pass, with the stream stored under nobody and Bob's twin gone.
    const stored = stream('s9', '', { name: 'Bob', seq: 1 });
    const later = plan(
      facts({ connections: present, streams: [stored] }),
      api({ ...listed, streams: [{ id: 's9', name: 'Bob' }] }),
    );
    expect(records(later)).toEqual([{ ...stored, connectionId: 'cB' }]);
  });
});
