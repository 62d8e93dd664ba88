import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardState, commandEffects, meetingsByChannel, participantState } from './checks.js';
import { LOG_DIR, startCluster, type Cluster } from './cluster.js';
import { BASE_URL } from './pg-schema.js';
import type { Replica } from './replica-process.js';
import { Workload } from './workload.js';

// Three replicas of the compiled bot share one Postgres schema behind a round-robin balancer. 84
// channels each start a meeting, record, go live, mute all and stop recording (~500 signed slash
// commands with repeated deliveries) while 7 people per channel join and 3 leave (~2,000 callbacks
// delivered out of order, every fifth one twice). Mid-run the replica holding the card-writer
// lease is killed with SIGKILL while commands and callbacks still reach it. Afterwards every effect is counted
// once, the store matches the emulator, each card's last edit matches its meeting and never went
// back, and no card was edited more than once a second.
// Slack is not drained from the victim: it is killed while it owns acknowledged, unfinished commands
// (pending_commands rows), and a live replica takes those over and answers them.

const CHANNELS = 84;
const KILL_AFTER_DELIVERIES = 200;
// Unfinished commands the victim must own when it is killed (some may still finish before the signal lands).
const IN_FLIGHT_AT_KILL = 3;

let c: Cluster;
beforeAll(async () => {
  c = await startCluster(3, BASE_URL);
}, 180_000);
afterAll(async () => {
  await c?.close();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The replica holding the card-writer lease (holder IDs carry the pid), else the second one. */
async function cardWriter(): Promise<Replica> {
  const { rows } = await c.db.query<{ holder: string }>("SELECT holder FROM leases WHERE name = 'cards'");
  const pid = Number(rows[0]?.holder.split(':').at(-2));
  return c.replicas.find((r) => r.pid === pid) ?? c.replicas[1]!;
}

/** Commands the replica acknowledged (it recorded and owns them) and has not finished. */
async function unfinished(victim: Replica): Promise<string[]> {
  const { rows } = await c.db.query<{ id: string }>(
    "SELECT id FROM pending_commands WHERE status = 'pending' AND owner LIKE $1",
    [`%:${victim.pid}:%`],
  );
  return rows.map((r) => r.id.split(':').at(-1)!);
}

/**
 * SIGKILLs the card writer mid-traffic, at a moment when it owns acknowledged commands it has not
 * finished yet. Not before every channel's `start` has been answered: a start killed between posting
 * its card and storing it leaves a card the store does not know, which its re-run cannot repair
 * (a known limit of commands/start.ts and src/cards/service.ts: post, then store).
 */
async function killMidRun(w: Workload): Promise<{ victim: Replica; at: number; inFlight: string[] }> {
  const started = () =>
    w.commands.filter((x) => x.text.startsWith('start ') && c.slack.responses(x.replyId).length > 0).length;
  while (w.deliveries < KILL_AFTER_DELIVERIES || started() < CHANNELS) await sleep(50);
  const victim = await cardWriter();
  // Slow every Video API call for a moment so the victim surely holds acknowledged, unfinished
  // commands when it dies, however fast or loaded the machine is (on a busy CI host the workload
  // could otherwise drain before the victim owns any).
  c.emulator.setFault({ path: '/v2/', latencyMs: 1500 });
  let inFlight = await unfinished(victim);
  for (
    const giveUp = Date.now() + 30_000;
    inFlight.length < IN_FLIGHT_AT_KILL && Date.now() < giveUp;
    inFlight = await unfinished(victim)
  )
    await sleep(1);
  victim.child.kill('SIGKILL');
  c.emulator.clearFaults();
  // Trigger IDs -> reply IDs, for the checks.
  const replyOf = new Map(w.commands.map((x) => [x.triggerId, x.replyId]));
  return { victim, at: Date.now(), inFlight: inFlight.map((t) => replyOf.get(t) ?? t) };
}

/** Waits until callbacks are delivered, nothing is queued and every card shows its meeting's latest version. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quietSince = 0;
  while (Date.now() < deadline) {
    await c.emulator.idle();
    const dirty = await c.store.listDirtyCards(Number.MAX_SAFE_INTEGER, 1);
    const pending = c.emulator.deliveries().some((d) => d.state === 'pending');
    if (dirty.length === 0 && !pending) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince > 2000) return;
    } else quietSince = 0;
    await sleep(100);
  }
  throw new Error('the replicas did not settle within 60 s');
}

describe('three replicas on one Postgres', () => {
  it('keep every command, callback and card exact through a SIGKILL', async () => {
    const started = Date.now();
    const w = new Workload({
      lbUrl: c.lb.url,
      slack: c.slack,
      store: c.store,
      emulator: c.emulator,
      mint: c.mint,
      pauseMs: 1200,
    });
    const kill = killMidRun(w);
    kill.catch(() => undefined); // awaited below; this only keeps an early failure from being reported twice
    const channels = Array.from({ length: CHANNELS }, async (_, i) => {
      await sleep(i * 150);
      await w.channel(i);
    });
    await Promise.all(channels).catch(async (err: unknown) => {
      const trigger = /trigger (\S+),/.exec(String(err))?.[1] ?? '?';
      const seen = c.lb.log
        .filter((f) => f.body.includes(trigger))
        .map((f) => `${f.target}:${f.status}:retry${f.retry}:${f.ms}ms`);
      const { rows } = await c.db.query(
        'SELECT id, status, owner, attempts, reply IS NOT NULL AS replied FROM pending_commands WHERE id LIKE $1',
        [`%${trigger}%`],
      );
      const { rows: waiting } = await c.db.query(
        "SELECT state, wait_event_type, wait_event, now() - xact_start AS age, left(query, 80) AS query FROM pg_stat_activity WHERE application_name = 'video-chatops' AND state <> 'idle'",
      );
      const channel = /in (C\d+)/.exec(String(err))?.[1];
      const calls = c.slack.calls.filter((x) => x.body.channel === channel).map((x) => x.method);
      throw new Error(
        `${String(err)}; delivered to ${seen.join(' ') || 'nobody'}; pending ${JSON.stringify(rows)}; busy connections ${JSON.stringify(waiting)}; Slack calls for the channel ${calls.join(' ')}; log dir ${LOG_DIR}`,
      );
    });
    const { victim, at: killedAt, inFlight } = await kill;
    await settle();
    const ranMs = Date.now() - started;

    const callbacks = c.lb.log.filter((f) => f.path.startsWith('/vonage/'));
    const meetings = await meetingsByChannel(c.db, c.store);
    const { rows: pending } = await c.db.query<{ id: string; status: string; attempts: number }>(
      'SELECT id, status, attempts FROM pending_commands',
    );
    const takenOver = new Set(pending.filter((p) => p.attempts > 0).map((p) => p.id.split(':').at(-1)!));
    const effects = await commandEffects(w, c.slack, c.store, c.emulator, meetings, takenOver);
    const participants = await participantState(w, c.store, c.emulator, meetings);
    const cards = await cardState(c.store, c.slack, meetings);
    const targetsOf = new Map<string, Set<string>>();
    for (const f of c.lb.log.filter((x) => x.path === '/slack/events' && x.status === 200)) {
      const trigger = new URLSearchParams(f.body).get('trigger_id') ?? '';
      targetsOf.set(trigger, (targetsOf.get(trigger) ?? new Set()).add(f.target));
    }
    const { rows: leases } = await c.db.query<{ name: string; holder: string }>(
      'SELECT name, holder FROM leases',
    );
    const acks = c.lb.log
      .filter((f) => f.path === '/slack/events' && f.status === 200)
      .map((f) => f.ms)
      .sort((a, b) => a - b);
    const pct = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))];
    console.log(
      JSON.stringify({
        commands: w.commands.length,
        slackDeliveries: w.deliveries,
        repeatedOnAnotherReplica: [...targetsOf.values()].filter((t) => t.size > 1).length,
        callbackDeliveries: callbacks.length,
        duplicateCallbacks: callbacks.filter((f) => f.duplicate).length,
        callbacksToKilledReplica: callbacks.filter((f) => f.target === victim.name && f.status === 0).length,
        killedAfterMs: killedAt - started,
        unansweredAtKill: inFlight.length,
        takenOver: takenOver.size,
        repliedTwice: w.commands.filter((x) => c.slack.responses(x.replyId).length > 1).length,
        refusedReruns: (
          await c.db.query("SELECT count(*)::int AS n FROM audit_log WHERE detail LIKE 'interrupted%'")
        ).rows[0].n,
        stillPending: pending.filter((p) => p.status !== 'done').length,
        ackMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: acks.at(-1) },
        runMs: ranMs,
        cards: cards.edits.length,
        maxEditsPerCard: Math.max(...cards.edits),
        totalEdits: cards.edits.reduce((a, b) => a + b, 0),
      }),
    );

    expect(victim.child.signalCode).toBe('SIGKILL');
    expect(w.deliveries).toBeGreaterThanOrEqual(500);
    expect(callbacks.length).toBeGreaterThanOrEqual(2000);
    expect(meetings.size).toBe(CHANNELS);
    // The kill caught acknowledged, unanswered commands; each still got exactly one reply and effect.
    expect(inFlight.length).toBeGreaterThanOrEqual(IN_FLIGHT_AT_KILL);
    expect(takenOver.size).toBeGreaterThan(0);
    expect(inFlight.filter((id) => c.slack.responses(id).length === 0)).toEqual([]);
    expect(pending.filter((p) => p.status !== 'done')).toEqual([]);
    expect(effects).toEqual([]);
    expect(participants).toEqual([]);
    expect(cards.problems).toEqual([]);
    // Leases the dead replica held moved to a live one.
    const victimPid = `:${victim.pid}:`;
    expect(leases.filter((l) => l.holder.includes(victimPid) && l.name === 'cards')).toEqual([]);
  }, 240_000);
});
