import type {
  AudioStreamRecord,
  ConnectionRecord,
  MeetingRecord,
  SipLegRecord,
  StoreWrite,
  StreamRecord,
} from '../store/types.js';
import { cleanName } from '../text/clean.js';

// What a reconciliation snapshot changes in the store: pure, so the rule is testable on its own.
//
// The rule is the callbacks' rule: the newer fact wins. A snapshot is a fact stamped with the time
// it was taken (the moment before the Video API was asked), so it overrides what the store holds
// only where the store's fact is older; a callback stamped later wins over the snapshot in turn.
// Destroy callbacks are final (presenceSeq ranks them above any time), so a snapshot never brings
// back what Vonage said is gone; it can bring back what an older snapshot wrongly said was gone.

/** What the Video API said about a session, and when it was asked. */
export interface ApiSnapshot {
  /** Our clock just before the first request of the snapshot. */
  takenAt: number;
  streams: ReadonlyArray<{ id: string; videoType?: string | null; name?: string | null }>;
  /** Null when the connection list could not be read (streams still decide then). */
  connections: ReadonlyArray<{ connectionId: string; createdAt?: number }> | null;
}

/** What the store holds about the meeting's presence (gone records included). */
export interface PresenceFacts {
  connections: ConnectionRecord[];
  streams: StreamRecord[];
  sipLegs: SipLegRecord[];
  audioStreams: AudioStreamRecord[];
}

/** Options of {@link planPresenceRepairs}. */
export interface PlanOptions {
  /**
   * How far Vonage's clock may run behind ours: facts stamped less than this before the snapshot
   * are left to the next one (a stream created just after the listing was read must not be
   * declared gone because its timestamp looks older than the snapshot).
   */
  skewMs?: number;
  /** A phone or audio leg younger than this may not have its connection yet (it is ringing). */
  legGraceMs?: number;
}

const VIDEO_TYPES = new Set(['camera', 'screen', 'custom']);

/** The writes that bring the store's streams, connections, phone and audio legs to the snapshot. */
export function planPresenceRepairs(
  meeting: MeetingRecord,
  facts: PresenceFacts,
  api: ApiSnapshot,
  opts: PlanOptions = {},
): StoreWrite[] {
  const at = api.takenAt - (opts.skewMs ?? 2000);
  const writes: StoreWrite[] = [];
  const liveStreams = new Set(api.streams.map((s) => s.id));
  for (const s of facts.streams) {
    const listed = liveStreams.has(s.streamId);
    if (s.seq > at || listed === (s.destroyedAt === null)) continue;
    writes.push({
      kind: 'stream',
      record: listed
        ? { ...s, destroyedAt: null, reason: null, seq: at }
        : { ...s, destroyedAt: at, reason: 'reconciled', seq: at },
    });
  }
  const knownStreams = new Map(facts.streams.map((s) => [s.streamId, s]));
  const owners = streamOwners(facts, api);
  for (const s of api.streams) {
    const known = knownStreams.get(s.id);
    if (known) {
      // Attributed to nobody by an earlier pass: give it its owner once one can be told.
      const found = owners.get(s.id);
      if (found) writes.push({ kind: 'stream', record: { ...known, connectionId: found } });
      continue;
    }
    // Its streamCreated was lost (or is late). seq 1: that event, if it comes, names the connection.
    writes.push({
      kind: 'stream',
      record: {
        meetingId: meeting.id,
        streamId: s.id,
        connectionId: owners.get(s.id) ?? '',
        videoType: VIDEO_TYPES.has(s.videoType ?? '') ? (s.videoType as StreamRecord['videoType']) : null,
        name: cleanName(s.name ?? ''),
        muted: meeting.muteAll,
        createdAt: at,
        destroyedAt: null,
        reason: null,
        seq: 1,
      },
    });
  }
  const listedConnections = api.connections ? new Set(api.connections.map((c) => c.connectionId)) : null;
  const present = (connectionId: string): boolean | null =>
    listedConnections
      ? listedConnections.has(connectionId)
      : streamsSay(connectionId, facts.streams, liveStreams);
  if (listedConnections) writes.push(...connectionWrites(meeting, facts, api, at));
  else {
    // Without the connection list, a connection whose every stream is gone is taken as gone: the
    // browser that died without a connectionDestroyed. Someone who never published stays.
    for (const c of facts.connections) {
      if (c.leftAt !== null || c.seq > at || present(c.connectionId) !== false) continue;
      writes.push({
        kind: 'connection',
        record: { ...c, leftAt: at, reason: 'reconciled', seq: at },
      });
    }
  }
  const grace = opts.legGraceMs ?? 15_000;
  for (const l of facts.sipLegs) {
    if (l.endedAt !== null || l.seq > at || l.createdAt > api.takenAt - grace) continue;
    const there = present(l.connectionId) ?? (l.streamId ? liveStreams.has(l.streamId) : null);
    if (there !== false) continue;
    writes.push({ kind: 'sipLeg', record: { ...l, state: 'HANGUP', endedAt: at, seq: at } });
  }
  for (const a of facts.audioStreams) {
    if (a.status !== 'active' || a.seq > at || a.createdAt > api.takenAt - grace) continue;
    if (present(a.connectionId) !== false) continue;
    writes.push({ kind: 'audioStream', record: { ...a, status: 'stopped', seq: at } });
  }
  return writes;
}

/** Connections against the connection list: gone ones leave, unknown ones arrive, wrongly gone ones return. */
function connectionWrites(
  meeting: MeetingRecord,
  facts: PresenceFacts,
  api: ApiSnapshot,
  at: number,
): StoreWrite[] {
  const writes: StoreWrite[] = [];
  const listed = new Map(api.connections!.map((c) => [c.connectionId, c]));
  for (const c of facts.connections) {
    const here = listed.has(c.connectionId);
    if (c.seq > at || here === (c.leftAt === null)) continue;
    writes.push({
      kind: 'connection',
      record: here
        ? { ...c, leftAt: null, reason: null, seq: at }
        : { ...c, leftAt: at, reason: 'reconciled', seq: at },
    });
  }
  const known = new Set(facts.connections.map((c) => c.connectionId));
  const legs = new Map<string, { kind: ConnectionRecord['kind']; name: string }>([
    ...facts.sipLegs.map((l) => [l.connectionId, { kind: 'sip' as const, name: l.uri }] as const),
    ...facts.audioStreams.map(
      (a) => [a.connectionId, { kind: 'audio' as const, name: 'Audio stream' }] as const,
    ),
  ]);
  for (const c of listed.values()) {
    if (known.has(c.connectionId)) continue;
    // Its connectionCreated was lost (or is late). seq 1: that event, if it comes, says who it is.
    const leg = legs.get(c.connectionId);
    writes.push({
      kind: 'connection',
      record: {
        meetingId: meeting.id,
        connectionId: c.connectionId,
        kind: leg?.kind ?? 'unknown',
        userId: null,
        name: leg?.name ?? '',
        joinedAt: c.createdAt ?? at,
        leftAt: null,
        reason: null,
        seq: 1,
      },
    });
  }
  return writes;
}

/**
 * Who published the listed streams the store cannot attribute (their streamCreated was lost), from
 * what the listing gives (no connection ID): a phone leg's stream is named in its dial reply; else
 * the one present person whose name the stream carries (our join page and most apps publish under
 * the person's name); else, when the streams that match nobody's name all carry one name and
 * exactly one connection is known only from the connection listing (its connectionCreated was lost
 * too) and publishes nothing the store knows of, they are its. Streams left out stay "not yet identified" rather than guessed.
 */
function streamOwners(facts: PresenceFacts, api: ApiSnapshot): Map<string, string> {
  const legOfStream = new Map(facts.sipLegs.flatMap((l) => (l.streamId ? [[l.streamId, l]] : [])));
  const stored = new Map(facts.streams.map((s) => [s.streamId, s]));
  const named = facts.connections.filter((c) => c.leftAt === null && c.name.trim() !== '');
  const owners = new Map<string, string>();
  const orphans: string[] = [];
  for (const s of api.streams) {
    const known = stored.get(s.id);
    if (known && (known.connectionId !== '' || known.destroyedAt !== null)) continue;
    const leg = legOfStream.get(s.id);
    if (leg) {
      owners.set(s.id, leg.connectionId);
      continue;
    }
    const name = cleanName(s.name ?? '').trim();
    const matches = name ? named.filter((c) => c.name.trim() === name) : [];
    if (matches.length === 1) owners.set(s.id, matches[0]!.connectionId);
    else if (matches.length === 0) orphans.push(s.id);
  }
  // A camera and a screen of one person are both orphans, under one name.
  const names = new Set(
    orphans.map((o) => cleanName(api.streams.find((s) => s.id === o)?.name ?? '').trim()),
  );
  if (orphans.length === 0 || names.size !== 1 || !api.connections) return owners;
  const publishing = new Set(facts.streams.filter((s) => s.destroyedAt === null).map((s) => s.connectionId));
  const machine = new Set([...facts.sipLegs, ...facts.audioStreams].map((l) => l.connectionId));
  const stores = new Map(facts.connections.map((c) => [c.connectionId, c]));
  const anonymous = api.connections
    .map((c) => c.connectionId)
    .filter((id) => {
      const c = stores.get(id);
      const nameless = !c || (c.leftAt === null && c.kind === 'unknown' && c.name.trim() === '');
      return nameless && !publishing.has(id) && !machine.has(id);
    });
  if (anonymous.length === 1) for (const o of orphans) owners.set(o, anonymous[0]!);
  return owners;
}

/** Whether a connection is there, judged by its streams: null when it never published. */
function streamsSay(connectionId: string, streams: StreamRecord[], live: Set<string>): boolean | null {
  const mine = streams.filter((s) => s.connectionId === connectionId);
  if (mine.length === 0) return null;
  return mine.some((s) => live.has(s.streamId));
}
