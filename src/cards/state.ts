import type {
  BroadcastRecord,
  ConnectionRecord,
  MeetingRecord,
  MeetingSnapshot,
  StreamRecord,
} from '../store/types.js';

// The one place that decides what a meeting looks like. Callbacks (stamped with the Video API's
// event time) and reconciliation snapshots (stamped with the time they were taken) both write the
// store through seq-guarded upserts, so each record already holds the newest fact about itself;
// this pure function turns those records into the state every view shows: the card, `/video
// status`, `/video participants`, the Slack call roster and name resolution for `<who>`.

/** One published stream as people see it. */
export interface MediaState {
  streamId: string;
  type: 'camera' | 'screen' | 'audio';
  /** Audio force-muted (the only mute the server knows about). */
  muted: boolean;
}

/** Someone in the meeting: a person (from any client) or a phone leg. */
export interface PersonState {
  connectionId: string;
  kind: 'user' | 'sip' | 'unknown';
  userId: string | null;
  /** The name to show and to match `<who>` against: unique among those present (`Ann #2`). */
  label: string;
  joinedAt: number;
  media: MediaState[];
}

/** A phone leg that has not hung up. */
export interface CallState {
  id: string;
  connectionId: string;
  label: string;
  state: string;
}

/** The state every view of a meeting shows. */
export interface MeetingState {
  meeting: MeetingRecord;
  ended: boolean;
  /** Present people and phone legs, in join order (composers and audio streams are not people). */
  people: PersonState[];
  /** Someone was here at some point (so an empty meeting says "everyone left", not "nobody joined"). */
  everJoined: boolean;
  /** Live streams whose connection the store has never heard of (its callback was lost). */
  unidentifiedStreams: number;
  recording: { id: string; name: string | null; paused: boolean; startedAt: number } | null;
  live: { id: string; startedAt: number; hls: string | null; rtmp: BroadcastRecord['rtmp'] } | null;
  calls: CallState[];
  /** Experience Composer renders that are starting or running. */
  composers: Array<{ id: string; status: string }>;
  /** Audio Connector connections that are active. */
  audioStreams: Array<{ id: string; uri: string }>;
  relayed: boolean;
  /** The meeting ended because the Video API no longer knew its session. */
  forgotten: boolean;
  /** Set while the Video API could not confirm the meeting: since when, and when it last did. */
  unconfirmed: { since: number; lastConfirmedAt: number | null } | null;
  /** Live captions: the run the Video API reported started and not yet stopped, else null. */
  captions: { id: string; language: string } | null;
}

const HUMAN = new Set<ConnectionRecord['kind']>(['user', 'sip', 'unknown']);
const RUNNING_RENDER = new Set(['starting', 'started']);

function mediaOf(s: StreamRecord): MediaState {
  const type = s.videoType === 'screen' ? 'screen' : s.videoType === null ? 'audio' : 'camera';
  return { streamId: s.streamId, type, muted: s.muted };
}

/**
 * The best name for a connection: the name its token carried (our own tokens, or another app's
 * `name=`, JSON or plain-text data), else the name its streams were published under, else a
 * placeholder. Only the token data is the connection's own word, so it goes first.
 */
function baseName(c: ConnectionRecord, published: ReadonlyMap<string, string>): string {
  const own = c.name.trim();
  if (own && !(c.kind === 'unknown' && own === 'Guest')) return own;
  return published.get(c.connectionId) ?? (c.kind === 'sip' ? 'Phone' : 'Guest');
}

/**
 * By connection: its live streams, and the first name any of its streams was published under.
 * Built once per state, so a meeting of n people costs O(n), not a scan of every stream per person
 * (a meeting of 1,000 took 20 ms per card edit that way).
 */
function byConnection(streams: readonly StreamRecord[]) {
  const live = new Map<string, MediaState[]>();
  const published = new Map<string, string>();
  for (const s of streams) {
    const name = s.name.trim();
    if (name && !published.has(s.connectionId)) published.set(s.connectionId, name);
    if (s.destroyedAt !== null) continue;
    const list = live.get(s.connectionId);
    if (list) list.push(mediaOf(s));
    else live.set(s.connectionId, [mediaOf(s)]);
  }
  return { live, published };
}

/** Labels unique among `bases`: duplicates (any case) become `Ann #1`, `Ann #2` in their order. */
function numbered(bases: readonly string[]): string[] {
  const keys = bases.map((b) => b.toLowerCase());
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  return bases.map((b, i) => {
    const key = keys[i]!;
    if (counts.get(key)! < 2) return b;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${b} #${n}`;
  });
}

function newest<T extends { createdAt: number }>(items: T[]): T | undefined {
  return [...items].sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Decides a meeting's state from what the store knows about it. Pure: same input, same state. */
export function meetingState(s: MeetingSnapshot): MeetingState {
  const m = s.meeting;
  const streamsOf = byConnection(s.streams);
  const present = s.connections
    .filter((c) => c.leftAt === null && HUMAN.has(c.kind))
    .sort((a, b) => a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId));
  const presentIds = new Set(present.map((c) => c.connectionId));
  // A leg whose connection has left is over even if its own end event is late or lost.
  const left = new Set(s.connections.filter((c) => c.leftAt !== null).map((c) => c.connectionId));
  const legs = s.sipLegs
    .filter((l) => l.endedAt === null && !left.has(l.connectionId))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  // A leg whose connection the store has not seen yet (dialling) is listed under its number, and
  // shares the numbering with everyone present so that `+1555 #2` means one thing everywhere.
  const dialling = legs.filter((l) => !presentIds.has(l.connectionId));
  const names = numbered([
    ...present.map((c) => baseName(c, streamsOf.published)),
    ...dialling.map((l) => l.uri),
  ]);
  const labels = new Map<string, string>();
  const people: PersonState[] = present.map((c, i) => {
    labels.set(c.connectionId, names[i]!);
    return {
      connectionId: c.connectionId,
      kind: c.kind as PersonState['kind'],
      userId: c.userId,
      label: names[i]!,
      joinedAt: c.joinedAt,
      media: streamsOf.live.get(c.connectionId) ?? [],
    };
  });
  dialling.forEach((l, i) => labels.set(l.connectionId, names[present.length + i]!));
  // A live stream of a connection that already left is on its way out (its streamDestroyed is a
  // moment behind, e.g. right after a kick): it is nobody's and is not shown at all.
  const known = new Set(s.connections.map((c) => c.connectionId));
  const recording = newest(s.recordings.filter((r) => r.status === 'started' || r.status === 'paused'));
  const broadcast = newest(s.broadcasts.filter((b) => b.status === 'started'));
  // Only a status callback (or a status read) says captions run: a run merely asked for is not "on".
  const captions = newest((s.captions ?? []).filter((c) => c.status === 'started'));
  return {
    meeting: m,
    ended: m.status === 'ended',
    people,
    everJoined: s.connections.some((c) => HUMAN.has(c.kind)),
    unidentifiedStreams: [...streamsOf.live].reduce(
      (n, [id, media]) => (known.has(id) ? n : n + media.length),
      0,
    ),
    recording: recording
      ? {
          id: recording.id,
          name: recording.name,
          paused: recording.status === 'paused',
          startedAt: recording.createdAt,
        }
      : null,
    live: broadcast
      ? { id: broadcast.id, startedAt: broadcast.createdAt, hls: broadcast.hlsUrl, rtmp: broadcast.rtmp }
      : null,
    calls: legs.map((l) => ({
      id: l.id,
      connectionId: l.connectionId,
      label: labels.get(l.connectionId) ?? l.uri,
      state: l.state.toLowerCase(),
    })),
    composers: s.renders
      .filter((r) => RUNNING_RENDER.has(r.status))
      .map((r) => ({ id: r.id, status: r.status })),
    // Audio Connector legs send no status of their own: their connection leaving ends them.
    audioStreams: s.audioStreams
      .filter((a) => a.status === 'active' && !left.has(a.connectionId))
      .map((a) => ({ id: a.id, uri: a.uri })),
    relayed: m.options.relayed,
    forgotten: m.status === 'ended' && (s.check?.forgottenAt ?? null) !== null,
    unconfirmed:
      s.check?.failingSince != null
        ? { since: s.check.failingSince, lastConfirmedAt: s.check.confirmedAt }
        : null,
    captions: captions && m.status !== 'ended' ? { id: captions.id, language: captions.language } : null,
  };
}
