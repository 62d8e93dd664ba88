// Benchmark: commands per second through the command core (parse, zod, store lookups, role check,
// audit, idempotency-free dispatch, card dirtying) against the emulator, versus the same Video API
// calls made directly with the client. Run after `npm run build`:
//   node bench/commands-core.mjs [iterations=400] [concurrency=1,8]
// Prints a Markdown table; docs/bench/commands.md records a run.
import { performance } from 'node:perf_hooks';
import { createFrontDoor } from '../dist/commands/front-door.js';
import { LiveCards } from '../dist/src/cards/service.js';
import { startEmulator } from '../dist/src/emulator/index.js';
import { silentLogger } from '../dist/src/log.js';
import { openStore } from '../dist/src/store/index.js';
import { VideoClient } from '../dist/src/video/index.js';

const iterations = Number(process.argv[2] ?? 400);
const concurrencies = (process.argv[3] ?? '1,8').split(',').map(Number);

const emulator = await startEmulator({ host: '127.0.0.1' });
const video = new VideoClient({
  apiKey: emulator.apiKey,
  apiSecret: emulator.apiSecret,
  baseUrl: emulator.url,
  retry: false,
});
const store = await openStore('sqlite::memory:', { log: silentLogger });
const cards = new LiveCards({ store, log: silentLogger });
// Cards are posted to a publisher that only counts: the benchmark measures the core, not a chat platform.
let posted = 0;
cards.registerPublisher({
  platform: 'shell',
  post: async (place) => ({ ...place, messageId: `m${++posted}` }),
  update: async () => {},
});
const ctx = {
  video,
  store,
  cards,
  log: silentLogger,
  now: Date.now,
  publicUrl: 'http://bench.local',
  moderatorIds: new Set(),
  ticketSecret: 'bench-secret',
};
const door = createFrontDoor({ services: ctx, pending: { holder: 'bench' } });
door.serve({ platform: 'shell', durable: false, isModerator: async () => false, deliver: async () => {} });
/** A console line through the front door (no delivery ID: no idempotency record, like the shell). */
const dispatch = async (text) => {
  const answer = await door.accept({ actor, place, ask: { kind: 'text', text }, source: 'shell' });
  if (answer.kind !== 'accepted') throw new Error(`${text}: ${answer.kind}`);
  return door.run(answer.ticket);
};
const actor = { platform: 'shell', id: 'host', name: 'Host', moderator: false };
const place = { platform: 'shell', teamId: 'bench', channelId: 'c1' };
const started = await dispatch('start Bench');
if (!JSON.stringify(started).includes('started')) throw new Error(`start failed: ${JSON.stringify(started)}`);
const meeting = await store.getActiveMeetingInChannel('shell', 'bench', 'c1');
const sid = meeting.sessionId;

/** Each case: a command line and the bare client calls it makes. */
const cases = [
  {
    name: 'signal',
    text: 'signal chat "hello everyone"',
    bare: () => video.signal(sid, null, { type: 'chat', data: 'hello everyone' }),
  },
  { name: 'dtmf', text: 'dtmf 1234#', bare: () => video.playDTMF(sid, null, '1234#') },
  { name: 'mute all', text: 'mute all', bare: () => video.forceMuteAll(sid, {}) },
  { name: 'join (no API call)', text: 'join', bare: null },
];

async function measure(fn, n, conc) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await fn();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, worker));
  return n / ((performance.now() - t0) / 1000);
}

const core = (text) => async () => {
  const view = await dispatch(text);
  if (view.blocks.some((b) => b.type === 'notice' && b.level === 'error'))
    throw new Error(`${text}: ${JSON.stringify(view)}`);
};

const rounds = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const conc of concurrencies) {
  for (const c of cases) {
    // Warm up both paths (JIT, connection pool, prepared statements).
    await measure(core(c.text), 30, conc);
    if (c.bare) await measure(c.bare, 30, conc);
    // Alternate the two paths over several rounds and keep the median: the machine is shared.
    const coreRates = [];
    const bareRates = [];
    for (let round = 0; round < rounds; round++) {
      coreRates.push(await measure(core(c.text), iterations, conc));
      if (c.bare) bareRates.push(await measure(c.bare, iterations, conc));
    }
    rows.push({
      conc,
      name: c.name,
      coreRate: median(coreRates),
      bareRate: c.bare ? median(bareRates) : null,
    });
  }
}

console.log(
  `node ${process.version}, ${iterations} commands per round, median of ${rounds} rounds, emulator + VideoClient + SQLite (memory)\n`,
);
console.log(
  '| concurrency | command | core commands/s | bare client calls/s | core / bare | core overhead per command |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const ratio = r.bareRate ? (r.coreRate / r.bareRate).toFixed(2) : '—';
  const overhead =
    r.bareRate && r.conc === 1 ? `${(1000 / r.coreRate - 1000 / r.bareRate).toFixed(2)} ms` : '—';
  console.log(
    `| ${r.conc} | \`${r.name}\` | ${r.coreRate.toFixed(0)} | ${r.bareRate ? r.bareRate.toFixed(0) : '—'} | ${ratio} | ${overhead} |`,
  );
}
await store.close();
await video.close();
await emulator.close();
