// What one heartbeat of a replica's pending requests costs as its backlog grows: N `recordPending`
// rows for one owner, acked over the last 5 s (the work queue answers "busy" past a 5-s wait, so a
// backlog is about that young), then `heartbeatPendingCommands` as the replica calls it every 3 s
// (lease 12 s: it renews the owner's alive mark and rewrites only rows older than 6 s), against the
// same call with a 0-ms lease, which rewrites every row: the heartbeat before the alive mark (SQLite
// runs either on the main thread). Prints the median of 5 of each.
// Usage: npm run build && node bench/pending-heartbeat.mjs [store-url]   (default: a SQLite file)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/src/store/index.js';
import { silentLogger } from '../dist/src/log.js';

const url = process.argv[2] ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'heartbeat-')), 'bench.db')}`;
const store = await openStore(url, { log: silentLogger });
const payload = JSON.stringify({ ask: { command: 'mute', args: ['all'] }, actor: { id: 'U1' } });
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const n of [1000, 5000, 20000]) {
  const owner = `bench-${n}-${Date.now()}`;
  const start = Date.now();
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      kind: 'recordPending',
      command: { id: `${owner}:${i + k}`, platform: 'discord', kind: 'request', payload, owner },
      at: start - 5_000 + Math.floor((5_000 * (i + k)) / n),
    }));
    await store.commit(rows);
  }
  const alive = [];
  const everyRow = [];
  let refreshed = 0;
  // The alive marks first: the rewrites after them leave dead row versions (Postgres) that a
  // heartbeat's range read would then have to step over.
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    refreshed = await store.heartbeatPendingCommands(owner, Date.now(), 12_000);
    alive.push(performance.now() - t);
  }
  for (let r = 0; r < 5; r++) {
    // A clock a second ahead each time, so that every row is older than it (two calls in the same
    // millisecond would rewrite nothing).
    const t = performance.now();
    await store.heartbeatPendingCommands(owner, Date.now() + (r + 1) * 1_000, 0);
    everyRow.push(performance.now() - t);
  }
  console.log(
    `${url.split(':')[0]}: ${n} pending rows, heartbeat ${median(alive).toFixed(2)} ms (rewrote ${refreshed}) ` +
      `against ${median(everyRow).toFixed(1)} ms rewriting every row: ratio ${(median(alive) / median(everyRow)).toPrecision(2)}`,
  );
}
await store.close();
