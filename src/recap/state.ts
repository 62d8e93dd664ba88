import type { ConnectionRecord } from '../store/types.js';
import type { RecapSnapshot } from './snapshot.js';

// What a meeting's recap says, decided in one pure function from the store's history (like the
// card's meetingState): who came, what was recorded and transcribed, what went live, which
// moderation happened and whether captions ran. The renderer only lays it out.

/** A recording as the recap lists it. */
export interface RecapRecording {
  id: string;
  name: string | null;
  status: string;
  /** Seconds. */
  duration: number;
  /** Bytes (0 until the file is ready). */
  size: number;
  transcript: {
    status: string;
    language: string;
    hasSummary: boolean;
    summary: string | null;
  } | null;
}

/** The recap of one meeting. */
export interface RecapState {
  meetingId: string;
  title: string;
  hostName: string;
  startedAt: number;
  /** When it ended (null while it runs: a recap is only posted once it ended). */
  endedAt: number | null;
  attendance: {
    /** Distinct people (not phone legs), in order of first arrival. */
    names: string[];
    /** Most connections (people and phone legs) present at the same time. */
    peak: number;
    phoneLegs: number;
  };
  recordings: RecapRecording[];
  liveStreams: Array<{ id: string; startedAt: number; targets: string[] }>;
  moderation: {
    mutes: number;
    removals: number;
    /** Who did them, in order of their first action. */
    by: string[];
  };
  captions: { runs: number; languages: string[]; seconds: number };
}

const PERSON = new Set<ConnectionRecord['kind']>(['user', 'unknown']);
const PRESENT = new Set<ConnectionRecord['kind']>(['user', 'sip', 'unknown']);

/** The largest number of intervals [joinedAt, leftAt ?? end) that overlap. */
function peakOf(connections: ConnectionRecord[], end: number): number {
  const edges: Array<[number, number]> = [];
  for (const c of connections) {
    edges.push([c.joinedAt, 1]);
    edges.push([c.leftAt ?? end, -1]);
  }
  // A leave at the same instant as a join counts first: back-to-back people were not together.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) {
    now += d;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** Distinct names in first-arrival order: one person counted once however often they rejoined. */
function attendeeNames(connections: ConnectionRecord[]): string[] {
  const seen = new Map<string, string>();
  for (const c of [...connections].sort((a, b) => a.joinedAt - b.joinedAt)) {
    if (!PERSON.has(c.kind)) continue;
    const name = c.name.trim() || 'Guest';
    const key = c.userId ? `id:${c.userId}` : `name:${name.toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()];
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'RTMP';
  }
}

/** Decides a meeting's recap from its history. Pure: same input, same recap. */
export function recapState(s: RecapSnapshot): RecapState {
  const m = s.meeting;
  const end = m.endedAt ?? Math.max(m.createdAt, ...s.connections.map((c) => c.leftAt ?? c.joinedAt));
  const present = s.connections.filter((c) => PRESENT.has(c.kind));
  const sipConnections = new Set(s.connections.filter((c) => c.kind === 'sip').map((c) => c.connectionId));
  for (const l of s.sipLegs) sipConnections.add(l.connectionId);
  const transcripts = new Map(s.transcripts.map((t) => [t.recordingId, t]));
  const ok = s.audit.filter((a) => a.outcome === 'ok');
  const mutes = ok.filter((a) => a.action === 'mute' && a.target?.toLowerCase() !== 'off');
  const removals = ok.filter((a) => a.action === 'kick');
  const by: string[] = [];
  for (const a of [...mutes, ...removals].sort((x, y) => x.at - y.at))
    if (!by.includes(a.actorName)) by.push(a.actorName);
  const ran = s.captions.filter((c) => c.status !== 'requested' || c.stoppedAt !== null);
  const captionSeconds = ran.reduce((sum, c) => {
    const stop = c.stoppedAt ?? end;
    return sum + Math.max(0, Math.round((stop - c.createdAt) / 1000));
  }, 0);
  return {
    meetingId: m.id,
    title: m.title,
    hostName: m.hostName,
    startedAt: m.createdAt,
    endedAt: m.endedAt,
    attendance: {
      names: attendeeNames(s.connections),
      peak: peakOf(present, end),
      phoneLegs: sipConnections.size,
    },
    recordings: [...s.recordings]
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((r) => {
        const t = transcripts.get(r.id);
        return {
          id: r.id,
          name: r.name,
          status: r.status,
          duration: r.duration,
          size: r.size,
          transcript: t
            ? { status: t.status, language: t.language, hasSummary: t.hasSummary, summary: t.summary }
            : null,
        };
      }),
    liveStreams: [...s.broadcasts]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((b) => ({
        id: b.id,
        startedAt: b.createdAt,
        targets: [...(b.hlsUrl ? ['HLS'] : []), ...b.rtmp.map((r) => `RTMP ${hostOf(r.serverUrl)}`)],
      })),
    moderation: { mutes: mutes.length, removals: removals.length, by },
    captions: {
      runs: ran.length,
      languages: [...new Set(ran.map((c) => c.language))],
      seconds: captionSeconds,
    },
  };
}
