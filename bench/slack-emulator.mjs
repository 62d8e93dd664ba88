// The Vonage Video API emulator in its own process for bench/slack-bench.mjs (the Video API is remote
// in production, so its work must not count against the bot). Prints its URL and local test
// credentials as JSON; a stdin line `callback <url>` points its callbacks at the bot.
import { createInterface } from 'node:readline';
import { startEmulator } from '../dist/src/emulator/index.js';

const emu = await startEmulator({ host: '127.0.0.1', signatureSecret: process.env.BENCH_CALLBACK_SECRET });
// BENCH_VIDEO_LATENCY_MS: every REST call answered that much later (the real API is ~50-150 ms away).
if (Number(process.env.BENCH_VIDEO_LATENCY_MS ?? 0) > 0)
  emu.setFault({ path: '/', latencyMs: Number(process.env.BENCH_VIDEO_LATENCY_MS) });
process.stdout.write(JSON.stringify({ url: emu.url, apiKey: emu.apiKey, apiSecret: emu.apiSecret }) + '\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, url] = line.trim().split(/\s+/);
  if (cmd === 'callback' && url) emu.setCallbackUrl(url);
});
process.on('SIGTERM', () => void emu.close().then(() => process.exit(0)));
