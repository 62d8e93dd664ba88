import type { ProjectCallbackRecord } from './callback-registry.js';
import type { PendingCallback } from './callbacks.js';
import type { CaptionRecord } from './captioning.js';
import type {
  ArchiveRecord,
  AudioConnectionRecord,
  BroadcastRecord,
  ConnectionRecord,
  RenderRecord,
  SessionRecord,
  SipCallRecord,
  StreamRecord,
} from './types.js';
import type { World } from './world.js';

// The emulator's state as plain JSON (Maps and Sets become arrays, timers are dropped) and back.
// Timers are re-armed by resume.ts once the records are in place.

/** Version of the saved shape; another version is not read (the emulator starts empty instead). */
export const STATE_VERSION = 1;

type Flags = { hasAudio: boolean; hasVideo: boolean };

/** The whole persisted emulator. */
export interface SavedState {
  version: number;
  savedAt: number;
  /** The base URL the emulator served (URLs of archives and HLS playlists embed it). */
  url: string;
  /** Where callbacks went (a flag or a bot's registration), so they keep going there. */
  callbackUrl?: string;
  projects: Array<{ apiKey: string; apiSecret: string }>;
  applications: Array<{ applicationId: string; publicKeyPem: string }>;
  sessions: Array<
    Omit<SessionRecord, 'connections' | 'streams' | 'liveArchives' | 'liveBroadcasts'> & {
      connections: ConnectionRecord[];
      streams: StreamRecord[];
    }
  >;
  archives: Array<
    Omit<ArchiveRecord, 'manualStreams' | 'autoStop'> & { manualStreams: Array<[string, Flags]> }
  >;
  broadcasts: Array<
    Omit<BroadcastRecord, 'manualStreams' | 'cancelTimer'> & { manualStreams: Array<[string, Flags]> }
  >;
  renders: RenderRecord[];
  sipCalls: SipCallRecord[];
  audioConnections: AudioConnectionRecord[];
  captions: Array<Omit<CaptionRecord, 'cancelTimer'>>;
  projectCallbacks: ProjectCallbackRecord[];
  callbacks: PendingCallback[];
}

/** Sessions nobody used for this long (and with nothing running) are not kept. */
const FORGET_IDLE_MS = 30 * 24 * 60 * 60_000;

/** Turns the world into its saved form. */
export function dumpWorld(
  world: World,
  extra: Pick<SavedState, 'url' | 'callbackUrl' | 'projects' | 'applications' | 'callbacks'>,
  now = Date.now(),
): SavedState {
  const keep = new Set<string>();
  for (const s of world.sessions.values()) if (!forgettable(world, s, now)) keep.add(s.id);
  const mine = <T extends { sessionId: string }>(m: Map<string, T>): T[] =>
    [...m.values()].filter((r) => keep.has(r.sessionId));
  return {
    version: STATE_VERSION,
    savedAt: now,
    ...extra,
    sessions: [...world.sessions.values()]
      .filter((s) => keep.has(s.id))
      .map(({ liveArchives: _a, liveBroadcasts: _b, connections, streams, ...rest }) => ({
        ...rest,
        connections: [...connections.values()],
        streams: [...streams.values()],
      })),
    archives: mine(world.archives).map(({ autoStop: _t, manualStreams, ...rest }) => ({
      ...rest,
      manualStreams: [...manualStreams],
    })),
    broadcasts: mine(world.broadcasts).map(({ cancelTimer: _t, manualStreams, ...rest }) => ({
      ...rest,
      manualStreams: [...manualStreams],
    })),
    renders: mine(world.renders),
    sipCalls: mine(world.sipCalls),
    audioConnections: mine(world.audioConnections),
    captions: mine(world.captions).map(({ cancelTimer: _t, ...rest }) => rest),
    projectCallbacks: [...world.projectCallbacks.values()],
  };
}

function forgettable(world: World, s: SessionRecord, now: number): boolean {
  if (s.connections.size > 0 || s.liveArchives.size > 0 || s.liveBroadcasts.size > 0) return false;
  let last = s.createdAt;
  for (const a of world.archives.values()) if (a.sessionId === s.id) last = Math.max(last, a.updatedAt);
  return now - last > FORGET_IDLE_MS;
}

/** Puts saved records back into an empty world (indexes rebuilt, no timers armed). */
export function loadWorld(world: World, saved: SavedState): void {
  for (const s of saved.sessions) {
    const session: SessionRecord = {
      ...s,
      connections: new Map(s.connections.map((c) => [c.id, c])),
      streams: new Map(s.streams.map((st) => [st.id, st])),
      liveArchives: new Set(),
      liveBroadcasts: new Set(),
    };
    world.sessions.set(session.id, session);
    for (const c of s.connections) world.connectionIndex.set(c.id, session.id);
    for (const st of s.streams) world.streamIndex.set(st.id, session.id);
  }
  for (const a of saved.archives) {
    const archive: ArchiveRecord = { ...a, manualStreams: new Map(a.manualStreams) };
    world.archives.set(archive.id, archive);
    if (archive.status === 'started' || archive.status === 'paused')
      world.sessions.get(archive.sessionId)?.liveArchives.add(archive);
  }
  for (const b of saved.broadcasts) {
    const broadcast: BroadcastRecord = { ...b, manualStreams: new Map(b.manualStreams) };
    world.broadcasts.set(broadcast.id, broadcast);
    if (broadcast.status === 'started')
      world.sessions.get(broadcast.sessionId)?.liveBroadcasts.add(broadcast);
  }
  for (const r of saved.renders) world.renders.set(r.id, r);
  for (const c of saved.sipCalls) world.sipCalls.set(c.id, c);
  for (const a of saved.audioConnections) world.audioConnections.set(a.id, a);
  for (const c of saved.captions ?? []) world.captions.set(c.id, c);
  for (const c of saved.projectCallbacks ?? []) world.projectCallbacks.set(c.id, c);
}
