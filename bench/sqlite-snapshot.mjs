// A meeting's snapshot on SQLite (what each card edit reads): Store.getMeetingSnapshot for meetings
// of 80 live people (each with a camera stream) and 220 who left, the shape of the callbacks
// benchmark's meetings at the end of a sustained run. Prints CPU microseconds per snapshot.
// `dist` picks the build to measure, so an older build (a git worktree) runs the same script.
// Usage: npm run build && node bench/sqlite-snapshot.mjs [snapshots=20000] [dist=../dist]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { activeMeeting } from './meetings.mjs';

const N = Number(process.argv[2] ?? 20_000);
const dist = resolve(process.argv[3] ?? new URL('../dist', import.meta.url).pathname);
const { openStore } = await import(pathToFileURL(join(dist, 'src/store/index.js')).href);
const { silentLogger } = await import(pathToFileURL(join(dist, 'src/log.js')).href);
const MEETINGS = 20;
const LIVE = 80;
const LEFT = 220;

const dir = mkdtempSync(join(tmpdir(), 'sqlite-snapshot-'));
const store = await openStore(`sqlite:${join(dir, 'bench.db')}`, { log: silentLogger });
const t0 = Date.now();
const ids = [];
for (let m = 0; m < MEETINGS; m++) {
  const id = `m${m}`;
  ids.push(id);
  await store.createMeeting(activeMeeting({ id, sessionId: `s${m}`, channelId: `C${m}` }));
  const writes = [];
  for (let i = 0; i < LIVE + LEFT; i++) {
    const gone = i < LEFT ? t0 + i + 5 : null;
    const connectionId = `${m}-${i}-${Math.random().toString(36).slice(2)}`;
    writes.push({
      kind: 'connection',
      record: {
        meetingId: id,
        connectionId,
        kind: 'user',
        userId: `U${i}`,
        name: `Person ${i}`,
        joinedAt: t0 + i,
        leftAt: gone,
        reason: gone ? 'clientDisconnected' : null,
        seq: t0 + i,
      },
    });
    writes.push({
      kind: 'stream',
      record: {
        meetingId: id,
        streamId: `st-${connectionId}`,
        connectionId,
        videoType: 'camera',
        name: `Person ${i}`,
        muted: false,
        createdAt: t0 + i,
        destroyedAt: gone,
        reason: gone ? 'clientDisconnected' : null,
        seq: t0 + i,
      },
    });
  }
  await store.commit(writes);
}

for (let i = 0; i < 2000; i++) await store.getMeetingSnapshot(ids[i % MEETINGS]);
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const snap = await store.getMeetingSnapshot(ids[i % MEETINGS]);
  if (snap.connections.length < LIVE || snap.streams.length !== LIVE) throw new Error('wrong snapshot');
}
const cpu = process.cpuUsage(cpu0);
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `${N} snapshots of meetings of ${LIVE} live people (${LEFT} gone): CPU ${((cpu.user + cpu.system) / N).toFixed(1)} us per snapshot`,
);
