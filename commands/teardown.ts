import type { AudioStreamRecord, MeetingRecord, RenderRecord } from '../src/store/types.js';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { saveBroadcast, startedBroadcasts } from './live-state.js';
import { runningRecordings, saveArchive } from './recording-state.js';
import type { CommandContext } from './types.js';

// Stopping things that may already have stopped on their own: not_found and conflict mean "already
// done", anything else is a real failure the caller reports.

async function tolerant(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!isVideoError(err, 'not_found') && !isVideoError(err, 'conflict')) throw err;
  }
}

/** Stops Experience Composer renders and marks them stopped. */
export async function stopRenders(ctx: CommandContext, renders: RenderRecord[]): Promise<void> {
  for (const r of renders) {
    await tolerant(() => ctx.video.stopRender(r.id));
    await ctx.store.upsertRender({ ...r, status: 'stopped', seq: Math.max(r.seq, ctx.now()) });
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
    await ctx.store.upsertAudioStream({ ...a, status: 'stopped', seq: Math.max(a.seq, ctx.now()) });
  }
}

/** Hangs up live SIP legs by disconnecting their connections. */
export async function hangUpSipLegs(ctx: CommandContext, meeting: MeetingRecord): Promise<number> {
  const legs = (await ctx.store.listSipLegs(meeting.id)).filter((l) => l.endedAt === null);
  const now = ctx.now();
  for (const l of legs) {
    await tolerant(() => ctx.video.forceDisconnect(meeting.sessionId, l.connectionId));
    await ctx.store.upsertSipLeg({ ...l, state: 'ended', endedAt: now, seq: Math.max(l.seq, now) });
  }
  return legs.length;
}

/** Stops running recordings and broadcasts; returns how many of each. */
export async function stopMedia(
  ctx: CommandContext,
  meeting: MeetingRecord,
): Promise<{ recordings: number; broadcasts: number }> {
  const recs = await runningRecordings(ctx, meeting);
  for (const r of recs) {
    await tolerant(async () => saveArchive(ctx, meeting, await ctx.video.stopArchive(r.id), null));
  }
  const casts = await startedBroadcasts(ctx, meeting);
  for (const b of casts) {
    await tolerant(async () => saveBroadcast(ctx, meeting, await ctx.video.stopBroadcast(b.id), null));
  }
  return { recordings: recs.length, broadcasts: casts.length };
}

/** Disconnects every live connection and records them as gone; returns how many were people (not machine legs). */
export async function disconnectEveryone(ctx: CommandContext, meeting: MeetingRecord): Promise<number> {
  const live = (await ctx.store.listConnections(meeting.id)).filter((c) => c.leftAt === null);
  const now = ctx.now();
  for (const c of live) {
    await tolerant(() => ctx.video.forceDisconnect(meeting.sessionId, c.connectionId));
    await ctx.store.upsertConnection({
      ...c,
      leftAt: now,
      reason: 'forceDisconnected',
      seq: Math.max(c.seq, now),
    });
  }
  return live.filter((c) => c.kind === 'user' || c.kind === 'unknown').length;
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
