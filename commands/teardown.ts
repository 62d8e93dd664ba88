import type { AudioStreamRecord, MeetingRecord, RenderRecord } from '../src/store/types.js';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { saveBroadcast, startedBroadcasts } from './live-state.js';
import { runningRecordings, saveArchive } from './recording-state.js';
import type { CommandContext } from './types.js';

// Stopping things that may already have stopped on their own: not_found and conflict mean "already
// done", anything else is a real failure the caller reports.

/** Runs `work`; false when the Video API says it was already done (so reports count only real work). */
async function tolerant(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (!isVideoError(err, 'not_found') && !isVideoError(err, 'conflict')) throw err;
    return false;
  }
}

/** Stops Experience Composer renders and marks them stopped. */
export async function stopRenders(ctx: CommandContext, renders: RenderRecord[]): Promise<void> {
  for (const r of renders) {
    await tolerant(() => ctx.video.stopRender(r.id));
    ctx.writes.push({ kind: 'render', record: { ...r, status: 'stopped', seq: Math.max(r.seq, ctx.now()) } });
  }
}

/** Stops Audio Connector connections (through the stop endpoint when the client has one). */
export async function stopAudioStreams(
  ctx: CommandContext,
  meeting: MeetingRecord,
  streams: AudioStreamRecord[],
): Promise<void> {
  for (const a of streams) {
    await tolerant(() =>
      ctx.video.disconnectWebsocket
        ? ctx.video.disconnectWebsocket(meeting.sessionId, a.connectionId)
        : ctx.video.forceDisconnect(meeting.sessionId, a.connectionId),
    );
    ctx.writes.push({
      kind: 'audioStream',
      record: { ...a, status: 'stopped', seq: Math.max(a.seq, ctx.now()) },
    });
  }
}

/** Hangs up live SIP legs by disconnecting their connections. */
export async function hangUpSipLegs(ctx: CommandContext, meeting: MeetingRecord): Promise<number> {
  const legs = (await ctx.store.listSipLegs(meeting.id)).filter((l) => l.endedAt === null);
  const now = ctx.now();
  for (const l of legs) {
    await tolerant(() => ctx.video.forceDisconnect(meeting.sessionId, l.connectionId));
    ctx.writes.push({
      kind: 'sipLeg',
      record: { ...l, state: 'ended', endedAt: now, seq: Math.max(l.seq, now) },
    });
  }
  return legs.length;
}

/** Stops running recordings and broadcasts; returns how many of each were really running. */
export async function stopMedia(
  ctx: CommandContext,
  meeting: MeetingRecord,
): Promise<{ recordings: number; broadcasts: number }> {
  // What the store knows is running, and what the Video API lists as running (the store may have
  // missed its start callback): ending a meeting stops what really runs.
  const sessionId = meeting.sessionId;
  const archives = new Set((await runningRecordings(ctx, meeting)).map((r) => r.id));
  for (const a of await listedOrNone(() => ctx.video.listArchives({ sessionId, count: 50 })))
    if (a.sessionId === sessionId && (a.status === 'started' || a.status === 'paused')) archives.add(a.id);
  let recordings = 0;
  for (const id of archives) {
    if (await tolerant(async () => saveArchive(ctx, meeting, await ctx.video.stopArchive(id), null)))
      recordings++;
  }
  const casts = new Set((await startedBroadcasts(ctx, meeting)).map((b) => b.id));
  for (const b of await listedOrNone(() => ctx.video.listBroadcasts({ sessionId, count: 50 })))
    if (b.sessionId === sessionId && b.status === 'started') casts.add(b.id);
  let broadcasts = 0;
  for (const id of casts) {
    if (await tolerant(async () => saveBroadcast(ctx, meeting, await ctx.video.stopBroadcast(id), null)))
      broadcasts++;
  }
  return { recordings, broadcasts };
}

/** The items of a Video API listing, or none when it cannot be read (the store's view still counts). */
async function listedOrNone<T>(list: () => Promise<{ items: T[] }>): Promise<T[]> {
  try {
    return (await list()).items;
  } catch {
    return [];
  }
}

/**
 * Disconnects every live connection and records them as gone; returns how many people (not machine
 * legs) were really still connected (the Video API knew them).
 */
export async function disconnectEveryone(ctx: CommandContext, meeting: MeetingRecord): Promise<number> {
  const live = (await ctx.store.listConnections(meeting.id)).filter((c) => c.leftAt === null);
  const now = ctx.now();
  let people = 0;
  for (const c of live) {
    const was = await tolerant(() => ctx.video.forceDisconnect(meeting.sessionId, c.connectionId));
    if (was && (c.kind === 'user' || c.kind === 'unknown')) people++;
    ctx.writes.push({
      kind: 'connection',
      record: { ...c, leftAt: now, reason: 'forceDisconnected', seq: Math.max(c.seq, now) },
    });
  }
  // Connections the Video API lists that the store does not count (their connectionCreated was
  // lost): the meeting ends for everyone who is really in it.
  const legs = [
    ...(await ctx.store.listSipLegs(meeting.id)),
    ...(await ctx.store.listAudioStreams(meeting.id)),
  ];
  const counted = new Set([...live, ...legs].map((c) => c.connectionId));
  const listed = ctx.video.listConnections
    ? await listedOrNone(async () => ({ items: await ctx.video.listConnections!(meeting.sessionId) }))
    : [];
  for (const c of listed) {
    if (counted.has(c.connectionId)) continue;
    if (await tolerant(() => ctx.video.forceDisconnect(meeting.sessionId, c.connectionId))) people++;
  }
  return people;
}

/**
 * IDs of what a stop command stops: the running ones the store knows, else the ones the Video API
 * lists as running (the store may have missed a callback); refuses with `none` when there are none.
 */
export async function idsToStop<T extends { id: string }>(
  stored: Array<{ id: string }>,
  list: () => Promise<{ items: T[] }>,
  running: (item: T) => boolean,
  none: string,
): Promise<string[]> {
  let ids = stored.map((s) => s.id);
  if (ids.length === 0) ids = (await list()).items.filter(running).map((i) => i.id);
  if (ids.length === 0) throw new CommandError(none);
  return ids;
}
