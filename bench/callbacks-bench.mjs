// Callback benchmark: 2,000 signed session-monitoring callbacks for one meeting, POSTed in shuffled
// order at concurrency 50 to the real HTTP server -> ingestion -> store -> card refresher.
// Checks: every callback accepted (HTTP 200), the final card exact, card edits <= 1 per second + 1.
// Reports callbacks/s and latency percentiles. Runs the compiled code: `npm run build` first.
//
//   node bench/callbacks-bench.mjs [--callbacks 2000] [--concurrency 50] [--store sqlite:/tmp/x.db]
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { CardRefresher } from '../dist/src/cards/refresher.js';
import { LiveCards } from '../dist/src/cards/service.js';
import { mountCallbacks } from '../dist/src/events/index.js';
import { connectionData } from '../dist/src/identity.js';
import { silentLogger } from '../dist/src/log.js';
import { registry } from '../dist/src/metrics.js';
import { createHttpServer } from '../dist/src/server.js';
import { openStore } from '../dist/src/store/index.js';

const { values: args } = parseArgs({
  options: {
    callbacks: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '50' },
    store: { type: 'string' },
  },
});
const TOTAL = Number(args.callbacks);
const CONCURRENCY = Number(args.concurrency);
const SECRET = 'bench-signature-secret-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'cb-bench-'));
const storeUrl = args.store ?? `sqlite:${join(dir, 'bench.db')}`;

// A publisher standing in for Slack/Discord: records every edit and when it happened.
const edits = [];
let posted;
const publisher = {
  platform: 'slack',
  async post(place, view) {
    posted = view;
    return { platform: 'slack', teamId: place.teamId, channelId: place.channelId, messageId: 'card-1' };
  },
  async update(_ref, view) {
    edits.push({ at: Date.now(), view });
  },
};

const store = await openStore(storeUrl, { log: silentLogger });
const cards = new LiveCards({ store, log: silentLogger });
cards.registerPublisher(publisher);
const refresher = new CardRefresher({ cards, log: silentLogger });
const server = createHttpServer({ log: silentLogger, metrics: registry });
const ingestor = mountCallbacks(server, {
  store,
  cards,
  log: silentLogger,
  auth: { signatureSecret: SECRET, pathToken: 'unused-'.repeat(5) },
});
const { url } = await server.listen(0, '127.0.0.1');

const sessionId = `2_MX4xMjM0NX5-${randomUUID()}`;
const meeting = await store.createMeeting({
  id: `bench-${randomUUID().slice(0, 8)}`,
  sessionId,
  platform: 'slack',
  teamId: 'T1',
  channelId: `C-${randomUUID().slice(0, 8)}`,
  title: 'Callback benchmark',
  hostId: 'U0',
  hostName: 'Host',
  status: 'active',
  options: { relayed: false, autoRecord: false, e2ee: false },
  muteAll: false,
  layout: null,
  createdAt: Date.now(),
  endedAt: null,
});
await cards.post(meeting.id);
refresher.start();

// Workload: per person i, joins + camera (all), a screen share started and stopped (even i), and
// leaving with the camera stopped (i % 4 === 1). 4 events per person on average.
const T0 = Date.now() - 60_000;
const events = [];
const expected = new Map();
for (let i = 0; events.length < TOTAL; i++) {
  const name = `Person ${String(i).padStart(4, '0')}`;
  const conn = {
    id: `conn-${i}`,
    createdAt: T0 + i * 10,
    data: connectionData({ platform: 'slack', userId: `U${i}`, name }),
  };
  const t = T0 + i * 10;
  const push = (e) =>
    events.length < TOTAL && events.push({ sessionId, projectId: '12345', timestamp: e.ts, ...e.body });
  push({ ts: t, body: { event: 'connectionCreated', connection: conn } });
  push({
    ts: t + 1,
    body: {
      event: 'streamCreated',
      stream: { id: `cam-${i}`, connection: conn, createdAt: t + 1, name, videoType: 'camera' },
    },
  });
  if (i % 2 === 0) {
    push({
      ts: t + 2,
      body: {
        event: 'streamCreated',
        stream: { id: `scr-${i}`, connection: conn, createdAt: t + 2, name, videoType: 'screen' },
      },
    });
    push({
      ts: t + 3,
      body: {
        event: 'streamDestroyed',
        reason: 'mediaStopped',
        stream: { id: `scr-${i}`, connection: conn, createdAt: t + 2, name, videoType: 'screen' },
      },
    });
  }
  if (i % 4 === 1) {
    push({
      ts: t + 4,
      body: {
        event: 'streamDestroyed',
        reason: 'clientDisconnected',
        stream: { id: `cam-${i}`, connection: conn, createdAt: t + 1, name, videoType: 'camera' },
      },
    });
    push({
      ts: t + 5,
      body: { event: 'connectionDestroyed', reason: 'clientDisconnected', connection: conn },
    });
  }
}
// The model of the final state, from the events actually generated (the cut at TOTAL included).
for (const e of events) {
  if (e.event === 'connectionCreated')
    expected.set(e.connection.id, { name: JSON.parse(e.connection.data).n, streams: new Set() });
}
for (const e of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
  const who = expected.get(e.connection?.id ?? e.stream?.connection.id);
  if (!who) continue;
  if (e.event === 'streamCreated') who.streams.add(e.stream.videoType);
  if (e.event === 'streamDestroyed') who.streams.delete(e.stream.videoType);
  if (e.event === 'connectionDestroyed') expected.delete(e.connection.id);
}
// Shuffle: Vonage does not promise order.
for (let i = events.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [events[i], events[j]] = [events[j], events[i]];
}
const key = new TextEncoder().encode(SECRET);
const requests = await Promise.all(
  events.map(async (e) => {
    const body = JSON.stringify(e);
    const jwt = await new SignJWT({ payload_hash: createHash('sha256').update(body).digest('hex') })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setJti(randomUUID())
      .setIssuer('Vonage')
      .sign(key);
    return { body, authorization: `Bearer ${jwt}` };
  }),
);

// Warm-up (not measured): open the 50 keep-alive connections and let V8 compile the hot paths,
// with signed callbacks for a session the bot does not know (answered 200 and ignored).
const warm = await Promise.all(
  Array.from({ length: 200 }, async (_, i) => {
    const body = JSON.stringify({
      sessionId: '2_warm-up',
      projectId: '12345',
      event: 'connectionCreated',
      timestamp: Date.now(),
      connection: { id: `w${i}`, createdAt: Date.now(), data: '' },
    });
    const jwt = await new SignJWT({ payload_hash: createHash('sha256').update(body).digest('hex') })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setJti(randomUUID())
      .setIssuer('Vonage')
      .sign(key);
    return { body, authorization: `Bearer ${jwt}` };
  }),
);
let w = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (w < warm.length) {
      const r = warm[w++];
      const res = await fetch(`${url}/vonage/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: r.authorization },
        body: r.body,
      });
      await res.arrayBuffer();
    }
  }),
);

const latencies = [];
const statuses = new Map();
let next = 0;
const started = performance.now();
const startedAt = Date.now();
const cpuBefore = process.cpuUsage();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const t = performance.now();
      const res = await fetch(`${url}/vonage/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: r.authorization },
        body: r.body,
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }),
);
const acceptedMs = performance.now() - started;
await ingestor.idle();
const appliedMs = performance.now() - started;
while ((await store.listDirtyCards(Number.MAX_SAFE_INTEGER, 1)).length > 0)
  await new Promise((r) => setTimeout(r, 20));
const settledAt = Date.now();
const cpu = process.cpuUsage(cpuBefore);
loop.disable();

// Verify: the final card lists exactly the expected people with exactly their media.
const final = edits.at(-1)?.view ?? posted;
const listed = final.blocks.find((b) => b.type === 'text').text;
const present = [...expected.entries()].sort((a, b) => Number(a[0].slice(5)) - Number(b[0].slice(5)));
const describe = (p) => `• **${p.name}**${p.streams.size ? ` — ${[...p.streams].sort().join(', ')}` : ''}`;
const want = [
  ...present.slice(0, 10).map(([, p]) => describe(p)),
  ...(present.length > 10 ? [`and ${present.length - 10} more`] : []),
].join('\n');
const count = final.blocks
  .find((b) => b.type === 'fields')
  .fields.find((f) => f.label === 'Participants').value;
const live = await store.listStreams(meeting.id);
const wantStreams = present.reduce((n, [, p]) => n + p.streams.size, 0);
const cardExact = listed === want && count === String(present.length) && live.length === wantStreams;
const spanS = (settledAt - startedAt) / 1000;
const editBudget = Math.floor(spanS) + 1;
const gaps = edits.slice(1).map((e, i) => e.at - edits[i].at);

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const result = {
  callbacks: events.length,
  concurrency: CONCURRENCY,
  store: store.kind,
  accepted: statuses.get(200) ?? 0,
  statuses: Object.fromEntries(statuses),
  callbacksPerSecond: Math.round(events.length / (acceptedMs / 1000)),
  appliedPerSecond: Math.round(events.length / (appliedMs / 1000)),
  latencyMs: {
    p50: +pct(50).toFixed(1),
    p90: +pct(90).toFixed(1),
    p99: +pct(99).toFixed(1),
    max: +latencies.at(-1).toFixed(1),
  },
  // Process CPU (server and the in-process client together) per callback: less sensitive than
  // wall-clock numbers to other work on a shared machine.
  cpuMsPerCallback: +((cpu.user + cpu.system) / 1000 / events.length).toFixed(3),
  eventLoopDelayMs: { p99: +(loop.percentile(99) / 1e6).toFixed(1), max: +(loop.max / 1e6).toFixed(1) },
  participantsAtEnd: present.length,
  cardExact,
  cardEdits: edits.length,
  editBudget,
  minGapBetweenEditsMs: gaps.length ? Math.min(...gaps) : null,
  spanSeconds: +spanS.toFixed(2),
};
console.log(JSON.stringify(result, null, 2));
await refresher.stop();
// A shared database (Postgres) keeps no active benchmark meeting behind.
await store.updateMeeting(meeting.id, { status: 'ended', endedAt: Date.now() });
await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
const ok = result.accepted === events.length && cardExact && edits.length <= editBudget;
if (!ok) {
  console.error('FAILED:', {
    accepted: result.accepted,
    cardExact,
    edits: edits.length,
    editBudget,
    listed: listed.slice(0, 400),
    want: want.slice(0, 400),
  });
  process.exit(1);
}
