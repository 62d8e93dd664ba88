// The store's share of a `mute all` / `mute off` command, in-process and without HTTP, so that a
// store change can be measured without the noise of the whole Slack benchmark: per command, the
// writes and reads the bot makes (pre-ack pending row; meeting, connections and streams reads;
// meeting update with its version bump, audit row and stored reply; the done mark 20 ms later,
// batched), `CONCURRENCY` commands per event-loop turn over 10 meetings, on a SQLite file.
// Prints CPU microseconds per command (process CPU, so the WAL writes' system time counts).
// Usage: npm run build && node bench/store-mute.mjs [commands=20000] [perTurn=4] [store-url]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { silentLogger } from '../dist/src/log.js';
import { activeMeeting, doneMarks, muteUnit } from './meetings.mjs';
import { openStore } from '../dist/src/store/index.js';

const TOTAL = Number(process.argv[2] ?? 20_000);
const PER_TURN = Number(process.argv[3] ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'store-mute-'));
const store = await openStore(process.argv[4] ?? `sqlite:${join(dir, 'bench.db')}`, { log: silentLogger });
const payload = JSON.stringify({
  v: 1,
  actor: { platform: 'slack', teamId: 'T1', id: 'U1', name: 'bench' },
  place: { platform: 'slack', teamId: 'T1', channelId: 'C0' },
  source: 'slash',
  command: 'mute',
  options: { target: 'all', except: [] },
  replyTo: { responseUrl: `https://hooks.slack.com/commands/T1/${'1'.repeat(13)}/${'x'.repeat(24)}` },
  acked: 'channel',
});
const reply = JSON.stringify({
  visibility: 'channel',
  blocks: [{ type: 'notice', level: 'success', text: 'bench muted everyone.' }],
});

const meetings = [];
for (let i = 0; i < 10; i++) {
  const id = `m${i}-${randomUUID().slice(0, 6)}`;
  await store.createMeeting(activeMeeting({ id, channelId: `C${i}` }));
  meetings.push({ id, channel: `C${i}` });
}

const marks = doneMarks(store);

/** One command, as the front door runs it. */
async function command(n) {
  const m = meetings[n % meetings.length];
  const id = `slack:T1:${randomUUID()}`;
  await store.commit([
    {
      kind: 'recordPending',
      command: { id, platform: 'slack', kind: 'request', payload, owner: 'bench' },
      at: Date.now(),
    },
  ]);
  await store.getActiveMeetingInChannel('slack', 'T1', m.channel);
  const all = n % 2 === 0;
  if (all) {
    await store.listConnections(m.id);
    await store.listStreams(m.id);
  }
  await store.commit(
    muteUnit({ meetingId: m.id, platform: 'slack', actorId: 'U1', pendingId: id, reply, all }),
  );
  marks.add(id);
}

async function run(count) {
  let next = 0;
  // PER_TURN commands start in each turn of the loop, as requests arriving together would.
  while (next < count) {
    const turn = [];
    for (let i = 0; i < PER_TURN && next < count; i++) turn.push(command(next++));
    await Promise.all(turn);
  }
}

await run(2_000);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await run(TOTAL);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
marks.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
const per = (us) => (us / TOTAL).toFixed(1);
console.log(
  `${TOTAL} commands, ${PER_TURN} per turn: CPU ${per(cpu.user + cpu.system)} us/command (user ${per(cpu.user)}, system ${per(cpu.system)}), wall ${((1000 * wall) / TOTAL).toFixed(1)} us/command`,
);
