// How long one reconciliation pass takes over many active meetings when every Video API call is
// slow, as the real API is (~50-150 ms away): the pass must end within RECONCILE_INTERVAL_MS for
// docs/TRUTH.md's "I + E" to hold. Each meeting is a real (empty) emulator session.
// Usage: npm run build && node bench/reconcile-pass.mjs [--meetings 400] [--latency 100] [--concurrency N (the least meetings at once)]
import { startEmulator } from '../dist/src/emulator/index.js';
import { VideoClient } from '../dist/src/video/client.js';
import { openStore } from '../dist/src/store/index.js';
import { LiveCards } from '../dist/src/cards/service.js';
import { Reconciler } from '../dist/src/events/reconcile.js';
import { silentLogger } from '../dist/src/log.js';
import { activeMeeting } from './meetings.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEETINGS = arg('meetings', 400);
const LATENCY = arg('latency', 100);
const CONCURRENCY = arg('concurrency', undefined);

const emu = await startEmulator({ host: '127.0.0.1' });
const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
const store = await openStore('sqlite::memory:', { log: silentLogger });
for (let i = 0; i < MEETINGS; i++) {
  const { sessionId } = await video.createSession({ mediaMode: 'routed' });
  await store.createMeeting(activeMeeting({ id: `m${i}`, sessionId, channelId: `C${i}` }));
}
const cards = new LiveCards({ store, log: silentLogger });
const reconciler = new Reconciler({
  store,
  video,
  cards,
  log: silentLogger,
  ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}),
});
await reconciler.runOnce(); // warm: the first pass also records what it saw
emu.setFault({ path: '/', latencyMs: LATENCY });
const t = performance.now();
await reconciler.runOnce();
const ms = performance.now() - t;
console.log(
  `${MEETINGS} meetings, ${LATENCY} ms per Video API call, at least ${CONCURRENCY ?? 4} at once: ` +
    `a pass took ${(ms / 1000).toFixed(1)} s (${(ms / MEETINGS).toFixed(0)} ms per meeting)`,
);
await reconciler.stop();
await store.close();
await video.close?.();
await emu.close();
