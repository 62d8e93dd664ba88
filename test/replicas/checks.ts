// The replica test's verdicts. Each check returns a list of problems (empty when all is well), so a
// failure names every channel and command that went wrong rather than stopping at the first.
import type pg from 'pg';
import { INTERRUPTED } from '../../commands/execute.js';
import { renderView } from '../../adapters/slack/render.js';
import { renderCard } from '../../src/cards/render.js';
import type { Emulator } from '../../src/emulator/index.js';
import type { MeetingRecord, Store } from '../../src/store/types.js';
import type { FakeSlack, SlackCall } from './fake-slack.js';
import type { Workload } from './workload.js';

/** The meeting of each channel the workload used. */
export async function meetingsByChannel(db: pg.Pool, store: Store): Promise<Map<string, MeetingRecord[]>> {
  const out = new Map<string, MeetingRecord[]>();
  const { rows } = await db.query<{ id: string; channel_id: string }>(
    'SELECT id, channel_id FROM meetings ORDER BY created_at',
  );
  for (const r of rows) {
    const m = await store.getMeeting(r.id);
    if (m) out.set(r.channel_id, [...(out.get(r.channel_id) ?? []), m]);
  }
  return out;
}

const AUDITED: Record<string, string> = {
  'record start': 'record start',
  'live start --hls': 'live start',
  'mute all': 'mute',
  'record stop': 'record stop',
};

/**
 * Every command had exactly one effect: one reply, one meeting, one card, one archive, one broadcast,
 * one audit entry each. Two allowances for commands a live replica took over from the killed one
 * (`takenOver`: trigger IDs), both inherent in a crash: its reply may arrive twice, identical but
 * for a fresh join link (the victim posted it and died before marking the command done), and when the victim died after the
 * Video call but before its audit entry, the re-run's refusal ("already being recorded") stands in
 * for that entry.
 */
export async function commandEffects(
  w: Workload,
  slack: FakeSlack,
  store: Store,
  emulator: Emulator,
  meetings: Map<string, MeetingRecord[]>,
  takenOver: Set<string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const c of w.commands) {
    const replies = slack.responses(c.replyId);
    // Refused in its ack ("try again"): it must never run, not even later on another replica.
    if (c.refused) {
      if (replies.length > 0) problems.push(`${c.channel} "/video ${c.text}" was refused but answered later`);
      continue;
    }
    if (c.refusedInReply) {
      if (replies.length !== 1)
        problems.push(`${c.channel} "/video ${c.text}" was refused, then got ${replies.length} replies`);
      continue;
    }
    // Join links are personal and never stored, so a re-run hands out a fresh one: compare without them.
    const unlinked = (r: SlackCall) => JSON.stringify(r.body).replace(/\/join\/[\w.~-]+/g, '/join/…');
    const sameTwice = replies.length === 2 && unlinked(replies[0]!) === unlinked(replies[1]!);
    if (replies.length !== 1 && !(takenOver.has(c.triggerId) && sameTwice))
      problems.push(
        `${c.channel} "/video ${c.text}" (${c.deliveries} deliveries) got ${replies.length} replies`,
      );
  }
  for (const [channel, ms] of meetings) {
    if (ms.length !== 1) {
      problems.push(`${channel} has ${ms.length} meetings`);
      continue;
    }
    const m = ms[0]!;
    const cards = await store.listCards(m.id);
    const posts = slack
      .callsTo('chat.postMessage')
      .filter((p) => p.body.channel === channel && headerOf(p) === m.title);
    if (cards.length !== 1 || posts.length !== 1)
      problems.push(`${channel} has ${cards.length} stored cards and ${posts.length} posted cards`);
    const snap = emulator.snapshot(m.sessionId);
    if (snap.archives.length !== 1) problems.push(`${channel} started ${snap.archives.length} recordings`);
    if (snap.broadcasts.length !== 1)
      problems.push(`${channel} started ${snap.broadcasts.length} broadcasts`);
    const audit = await store.listAudit(m.id);
    for (const action of Object.values(AUDITED)) {
      const n = audit.filter((a) => a.action === action && a.outcome === 'ok').length;
      const refusedRerun = audit.filter(
        (a) => a.action === action && a.outcome === 'failed' && a.detail?.startsWith(INTERRUPTED),
      ).length;
      if (n !== 1 && !(n === 0 && refusedRerun === 1))
        problems.push(`${channel} ran "${action}" ${n} times (${refusedRerun} refused re-runs)`);
    }
  }
  return problems;
}

/** Every participant event is reflected: who is present, who left, live streams, media states. */
export async function participantState(
  w: Workload,
  store: Store,
  emulator: Emulator,
  meetings: Map<string, MeetingRecord[]>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [channel, stays] of w.stays) {
    const m = meetings.get(channel)?.[0];
    if (!m) continue;
    const snap = emulator.snapshot(m.sessionId);
    const here = (await store.listConnections(m.id)).map((c) => c.connectionId).sort();
    const expected = [...stays].sort();
    const emulated = snap.connections.map((c) => c.id).sort();
    if (
      JSON.stringify(here) !== JSON.stringify(expected) ||
      JSON.stringify(emulated) !== JSON.stringify(expected)
    ) {
      problems.push(
        `${channel}: store has ${here.length} present, emulator ${emulated.length}, expected ${expected.length}`,
      );
    }
    const gone = (await store.listConnections(m.id, { includeGone: true }))
      .filter((c) => c.leftAt !== null)
      .map((c) => c.connectionId)
      .sort();
    if (JSON.stringify(gone) !== JSON.stringify([...(w.left.get(channel) ?? [])].sort()))
      problems.push(`${channel}: store shows ${gone.length} departures`);
    const streams = (await store.listStreams(m.id)).map((s) => s.streamId).sort();
    const live = snap.streams.map((s) => s.id).sort();
    if (JSON.stringify(streams) !== JSON.stringify(live))
      problems.push(`${channel}: store has ${streams.length} live streams, emulator ${live.length}`);
    const recs = await store.listRecordings(m.id);
    const archive = snap.archives[0];
    if (archive && (recs.length !== 1 || recs[0]!.status !== archive.status))
      problems.push(
        `${channel}: recording is ${recs[0]?.status} in the store, ${String(archive.status)} in the emulator`,
      );
    const casts = await store.listBroadcasts(m.id);
    const cast = snap.broadcasts[0];
    if (cast && (casts.length !== 1 || casts[0]!.status !== cast.status))
      problems.push(
        `${channel}: broadcast is ${casts[0]?.status} in the store, ${String(cast.status)} in the emulator`,
      );
  }
  return problems;
}

// Durations ("12s", "3m 05s", "1h 02m") change with the clock, not with the state.
const normalise = (blocks: unknown) =>
  JSON.stringify(blocks).replace(/(?<!\d)\d+(?:h \d\dm|m \d\ds|s)(?!\w)/g, '<duration>');

// What this workload only ever adds: the recording notice appears once and goes once, "Live" and
// the mute-all line appear and stay. A card edit showing an earlier stage after a later one went back.
function wentBack(shown: SlackCall[]): string | null {
  const stages = shown.map((call) => {
    const text = JSON.stringify(call.body.blocks);
    return {
      rec: text.includes('Recording'),
      live: text.includes('Live —'),
      muted: text.includes('Everyone is muted on join'),
    };
  });
  let recordingEnded = false;
  for (let i = 1; i < stages.length; i++) {
    const [was, now] = [stages[i - 1]!, stages[i]!];
    if (was.rec && !now.rec) recordingEnded = true;
    if (recordingEnded && now.rec) return `recording shown again in edit ${i}`;
    if (was.live && !now.live) return `live notice gone in edit ${i}`;
    if (was.muted && !now.muted) return `mute-all notice gone in edit ${i}`;
  }
  return null;
}

function firstDifference(got: string, want: string): string {
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  return `shows …${got.slice(Math.max(0, i - 60), i + 80)}… expected …${want.slice(Math.max(0, i - 60), i + 80)}…`;
}

function headerOf(call: SlackCall): string | undefined {
  const blocks = call.body.blocks as Array<{ type?: string; text?: { text?: string } }> | undefined;
  const h = blocks?.[0];
  return h?.type === 'header' ? h.text?.text : undefined;
}

/** Each final card is exact, and edits per card stayed within one per second (plus one). */
export async function cardState(
  store: Store,
  slack: FakeSlack,
  meetings: Map<string, MeetingRecord[]>,
): Promise<{ problems: string[]; edits: number[] }> {
  const problems: string[] = [];
  const edits: number[] = [];
  for (const [channel, ms] of meetings) {
    for (const card of await store.listCards(ms[0]!.id)) {
      const updates = slack
        .callsTo('chat.update')
        .filter((u) => u.body.channel === channel && u.body.ts === card.messageId);
      const post = slack
        .callsTo('chat.postMessage')
        .find((p) => p.body.channel === channel && p.result.ts === card.messageId);
      const shown = updates.at(-1) ?? post;
      const snap = await store.getMeetingSnapshot(card.meetingId);
      if (!shown || !snap) {
        problems.push(`${channel}: card ${card.messageId} was never seen`);
        continue;
      }
      const expected = renderView(renderCard(snap, Date.now())).blocks;
      const got = normalise(shown.body.blocks);
      const want = normalise(expected);
      if (got !== want)
        problems.push(
          `${channel}: the final card differs from the meeting's state: ${firstDifference(got, want)}`,
        );
      edits.push(updates.length);
      const back = wentBack([post, ...updates].filter((x): x is SlackCall => x !== undefined));
      if (back) problems.push(`${channel}: the card went back to an older state (${back})`);
      const since = post?.at ?? updates[0]?.at ?? 0;
      const span = (updates.at(-1)?.at ?? since) - since;
      if (updates.length > Math.floor(span / 1000) + 1)
        problems.push(
          `${channel}: ${updates.length} edits in ${span} ms (ms after the post: ${updates.map((u) => u.at - since).join(', ')})`,
        );
    }
  }
  return { problems, edits };
}
