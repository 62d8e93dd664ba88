// The core's share of a Vonage callback, in-process and without HTTP or signature checks, so that a
// store change can be measured without the noise of the whole callbacks benchmark: each callback of
// the benchmark's workload (bench/callbacks-workload.mjs) goes through CallbackIngestor.accept (the
// meeting read, the dedupe claim, the seq-guarded writes and the version bump, group-committed),
// `perTurn` callbacks per event-loop turn over `meetings` meetings, with the live cards marked
// changed but not edited (no refresher). Prints CPU microseconds per callback (process CPU, so the
// WAL writes' system time counts), and the bytes written per callback (the WAL's frames: a
// measure of the commits' cost that does not vary with the host's load).
// Usage: npm run build && node bench/store-callbacks.mjs [callbacks=40000] [perTurn=10] [meetings=100] [store-url]
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveCards } from '../dist/src/cards/service.js';
import { CallbackIngestor } from '../dist/src/events/index.js';
import { parseCallback } from '../dist/src/events/schemas.js';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { sessionOf, workload } from './callbacks-workload.mjs';
import { activeMeeting } from './meetings.mjs';

const TOTAL = Number(process.argv[2] ?? 40_000);
const PER_TURN = Number(process.argv[3] ?? 10);
const MEETINGS = Number(process.argv[4] ?? 100);
const WARM = 4_000;
const dir = mkdtempSync(join(tmpdir(), 'store-callbacks-'));
const store = await openStore(process.argv[5] ?? `sqlite:${join(dir, 'bench.db')}`, { log: silentLogger });
const cards = new LiveCards({ store, log: silentLogger });
const ingestor = new CallbackIngestor({
  store,
  cards,
  log: silentLogger,
  auth: { pathToken: 'x'.repeat(32) },
});
const tag = Math.random().toString(36).slice(2, 8);
for (let m = 0; m < MEETINGS; m++)
  await store.createMeeting(
    activeMeeting({
      id: `b${tag}-${m}`,
      sessionId: sessionOf(tag, m),
      channelId: `C${tag}-${m}`,
      title: 'bench',
    }),
  );
const { events } = workload({ meetings: MEETINGS, total: WARM + TOTAL, tag });
const callbacks = events.map((e) => {
  const parsed = parseCallback(e);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.callback;
});

async function run(from, to) {
  // PER_TURN callbacks start in each turn of the loop, as requests arriving together would.
  for (let next = from; next < to;) {
    const turn = [];
    for (let i = 0; i < PER_TURN && next < to; i++) turn.push(ingestor.accept(callbacks[next++]));
    await Promise.all(turn);
  }
}

/** Bytes this process has passed to write(2) so far (Linux): the WAL's frames, on SQLite. */
const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);

// The WAL's largest size over the run (SQLite): checkpoints keep it bounded.
let walMax = 0;
const walPath = join(dir, 'bench.db-wal');
const sampler = setInterval(() => {
  try {
    walMax = Math.max(walMax, statSync(walPath).size);
  } catch {
    // No WAL file (Postgres, or between a checkpoint's truncation and the next write).
  }
}, 50);
await run(0, WARM);
const bytes0 = written();
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
await run(WARM, WARM + TOTAL);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
const bytes = written() - bytes0;
clearInterval(sampler);
await ingestor.idle();
await store.close();
rmSync(dir, { recursive: true, force: true });
const per = (us) => (us / TOTAL).toFixed(1);
console.log(
  `${TOTAL} callbacks over ${MEETINGS} meetings, ${PER_TURN} per turn: CPU ${per(cpu.user + cpu.system)} us/callback (user ${per(cpu.user)}, system ${per(cpu.system)}; the event loop's thread busy ${per(elu.active * 1000)}), wall ${((1000 * wall) / TOTAL).toFixed(1)} us/callback, written ${(bytes / TOTAL / 1024).toFixed(1)} KiB/callback, WAL at most ${(walMax / 2 ** 20).toFixed(1)} MiB`,
);
