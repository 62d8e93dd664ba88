// `npm run bench`: runs every benchmark once, one after another (they must not share the CPU), with
// the arguments their docs/bench/*.md pages give. Each prints its own results; see docs/BENCHMARKS.md.
import { spawnSync } from 'node:child_process';

const runs = [
  ['client-bench.mjs', '--calls', '5000'],
  ['emulator-bench.mjs', '--seconds', '5'],
  ['commands-core.mjs', '300', '1,8'],
  ['callbacks-bench.mjs'],
  ['slack-bench.mjs'],
  ['slack-bench.mjs', '--mix', 'mute all,mute off'],
  ['discord-bench.mjs'],
  ['discord-bench.mjs', '--mix', 'mute'],
  ['oversize-upload.mjs', '--mb', '1024'],
];

let failed = 0;
for (const [script, ...args] of runs) {
  console.log(`\n=== ${script} ${args.join(' ')}`);
  const res = spawnSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  if (res.status !== 0) {
    failed++;
    console.log(`=== ${script} failed (exit ${res.status ?? res.signal})`);
  }
}
process.exit(failed ? 1 : 0);
