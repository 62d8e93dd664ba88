// meetingState (src/cards/state.ts), what every card edit decides a meeting's look with, for
// meetings of N live people (each with a camera, every other one also sharing a screen). Prints CPU
// microseconds per call. `dist` picks the build, so an older build (a git worktree) runs the same.
// Usage: npm run build && node bench/card-state.mjs [people=80,300,1000] [dist=../dist]
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const sizes = (process.argv[2] ?? '80,300,1000').split(',').map(Number);
const dist = resolve(process.argv[3] ?? new URL('../dist', import.meta.url).pathname);
const { meetingState } = await import(pathToFileURL(join(dist, 'src/cards/state.js')).href);

const record = (i, patch) => ({ meetingId: 'm', seq: i, reason: null, ...patch });
for (const n of sizes) {
  const connections = [];
  const streams = [];
  for (let i = 0; i < n; i++) {
    const c = `c${i}`;
    const name = `Person ${i}`;
    connections.push(
      record(i, { connectionId: c, kind: 'user', userId: `U${i}`, name, joinedAt: i, leftAt: null }),
    );
    const st = { connectionId: c, videoType: 'camera', name, muted: false, createdAt: i, destroyedAt: null };
    streams.push(record(i, { ...st, streamId: `s${i}` }));
    if (i % 2) streams.push(record(i, { ...st, streamId: `x${i}`, videoType: 'screen' }));
  }
  const snapshot = {
    meeting: { id: 'm', status: 'active', options: { relayed: false } },
    connections,
    streams,
    recordings: [],
    broadcasts: [],
    sipLegs: [],
    renders: [],
    audioStreams: [],
    check: null,
    captions: [],
  };
  const rounds = Math.max(20, Math.floor(200_000 / n));
  for (let i = 0; i < rounds; i++) meetingState(snapshot);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) meetingState(snapshot);
  const cpu = process.cpuUsage(cpu0);
  console.log(`${n} people: CPU ${((cpu.user + cpu.system) / rounds).toFixed(1)} us per meetingState`);
}
