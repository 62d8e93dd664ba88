// What one heartbeat of a replica's pending requests costs as its backlog grows: N `recordPending`
// rows for one owner, then `heartbeatPendingCommands` (one UPDATE of every pending row it owns,
// every 3 s in production; SQLite runs it on the main thread). Prints the median of 5.
// Usage: npm run build && node bench/pending-heartbeat.mjs [store-url]   (default: a SQLite file)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/src/store/index.js';
import { silentLogger } from '../dist/src/log.js';

const url = process.argv[2] ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'heartbeat-')), 'bench.db')}`;
const store = await openStore(url, { log: silentLogger });
const payload = JSON.stringify({ ask: { command: 'mute', args: ['all'] }, actor: { id: 'U1' } });
for (const n of [1000, 5000, 20000]) {
  const owner = `bench-${n}-${Date.now()}`;
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      kind: 'recordPending',
      command: { id: `${owner}:${i + k}`, platform: 'discord', kind: 'request', payload, owner },
      at: Date.now(),
    }));
    await store.commit(rows);
  }
  const times = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    await store.heartbeatPendingCommands(owner, Date.now());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${url.split(':')[0]}: ${n} pending rows, one heartbeat ${times[2].toFixed(1)} ms (median of 5)`,
  );
}
await store.close();
