import type { ServerResponse } from 'node:http';
import type { ClientEvent } from '../emulator/client-feed.js';
import type { JoinDeps } from './deps.js';
import type { EmulatorControl } from './emulator-control.js';
import type { EmulatorGrant } from './grant.js';
import { sendJson } from './http.js';

// The demo page's view of what the real client SDK would tell it: a long poll through our server to
// the emulator's per-connection events (which also keeps the connection alive, like the SDK's
// heartbeat). The page learns it was muted, signalled, had a stream stopped, was removed, that
// the meeting ended, or (emulated) live-caption lines.

/** How long one poll may wait for news (the emulator shortens it to a third of its timeout). */
const POLL_WAIT_MS = 20_000;
/** After a forced disconnect, how long to wait for the meeting to be marked ended (end disconnects first). */
const END_GRACE_MS = 3_000;

/** An event as the page gets it. */
type PageEvent =
  | { seq: number; type: 'muteForced'; streamId: string; all: boolean }
  | { seq: number; type: 'signal'; signalType: string; data: string }
  | { seq: number; type: 'streamDestroyed'; streamId: string; reason: string }
  | { seq: number; type: 'disconnected'; reason: string; meetingEnded: boolean }
  | { seq: number; type: 'caption'; speaker: string; text: string };

/** True when the meeting is (or within a moment becomes) no longer active. */
async function meetingEnded(deps: JoinDeps, meetingId: string, signal: AbortSignal): Promise<boolean> {
  const until = Date.now() + END_GRACE_MS;
  for (;;) {
    const meeting = await deps.store.getMeeting(meetingId);
    if (!meeting || meeting.status !== 'active') return true;
    if (Date.now() >= until || signal.aborted) return false;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Answers POST /join/emulator/events: `{epoch, events, connected}` after `after`, waiting for news. */
export async function relayEvents(
  deps: JoinDeps,
  control: EmulatorControl,
  body: Record<string, unknown>,
  grant: EmulatorGrant & { c: string },
  res: ServerResponse,
  shutdown: AbortSignal,
): Promise<void> {
  const after =
    typeof body.after === 'number' && Number.isInteger(body.after) && body.after >= 0 ? body.after : 0;
  const epoch = typeof body.epoch === 'string' ? body.epoch.slice(0, 40) : undefined;
  // Stop waiting when the page goes away or the bot shuts down.
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const signal = AbortSignal.any([gone.signal, shutdown]);
  const poll = await control.events(grant.c, { after, epoch, waitMs: POLL_WAIT_MS, signal });
  const events: PageEvent[] = [];
  for (const e of poll.events) events.push(await forPage(deps, grant, e, signal));
  if (!res.writableEnded && !res.destroyed)
    sendJson(res, 200, { epoch: poll.epoch, events, connected: poll.connected });
}

async function forPage(
  deps: JoinDeps,
  grant: EmulatorGrant,
  e: ClientEvent,
  signal: AbortSignal,
): Promise<PageEvent> {
  switch (e.type) {
    case 'muteForced':
      return { seq: e.seq, type: e.type, streamId: e.streamId, all: e.all };
    case 'signal':
      return { seq: e.seq, type: e.type, signalType: e.signalType, data: e.data };
    case 'streamDestroyed':
      return { seq: e.seq, type: e.type, streamId: e.streamId, reason: e.reason };
    case 'caption':
      return { seq: e.seq, type: e.type, speaker: e.speaker, text: e.text };
    case 'disconnected':
      return {
        seq: e.seq,
        type: e.type,
        reason: e.reason,
        meetingEnded: e.reason === 'forceDisconnected' && (await meetingEnded(deps, grant.m, signal)),
      };
  }
}
