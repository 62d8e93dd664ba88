// The callback benchmark's workload, shared by the bot and its floor so both get the very same
// requests: signed session-monitoring callbacks for M meetings, a model of each meeting's final
// participants computed from the events alone, and the closed-loop load generator.
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { connectionData } from '../dist/src/identity.js';

/** Signature secret of the benchmark (bot and floor verify with it). */
export const SECRET = 'bench-signature-secret-0123456789';
const key = new TextEncoder().encode(SECRET);

/** A seeded PRNG (mulberry32), so both sides of a comparison shuffle identically. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The session ID of meeting `m` in a run tagged `tag`. */
export const sessionOf = (tag, m) => `2_MX4xMjM0NX5-bench-${tag}-${m}`;

/**
 * Per person i of a meeting: joins + camera; a screen share started and stopped (even i); leaving
 * with the camera stopped (i % 4 === 1): 4 events per person on average, as a real meeting has.
 */
function meetingEvents(sessionId, m, count, t0) {
  const events = [];
  for (let i = 0; events.length < count; i++) {
    const name = `Person ${String(i).padStart(4, '0')}`;
    const conn = {
      id: `c${m}-${i}`,
      createdAt: t0 + i * 10,
      data: connectionData({ platform: 'slack', userId: `U${m}-${i}`, name }),
    };
    const t = t0 + i * 10;
    const push = (ts, body) =>
      events.length < count && events.push({ sessionId, projectId: '12345', timestamp: ts, ...body });
    const stream = (kind, at) => ({
      id: `${kind}-${m}-${i}`,
      connection: conn,
      createdAt: at,
      name,
      videoType: kind === 'cam' ? 'camera' : 'screen',
    });
    push(t, { event: 'connectionCreated', connection: conn });
    push(t + 1, { event: 'streamCreated', stream: stream('cam', t + 1) });
    if (i % 2 === 0) {
      push(t + 2, { event: 'streamCreated', stream: stream('scr', t + 2) });
      push(t + 3, { event: 'streamDestroyed', reason: 'mediaStopped', stream: stream('scr', t + 2) });
    }
    if (i % 4 === 1) {
      push(t + 4, { event: 'streamDestroyed', reason: 'clientDisconnected', stream: stream('cam', t + 1) });
      push(t + 5, { event: 'connectionDestroyed', reason: 'clientDisconnected', connection: conn });
    }
  }
  return events;
}

const nameOf = (data) => JSON.parse(data).n;

/** Who is present at the end of `events` (one meeting), with the kinds of media they publish. */
export function finalState(events) {
  const people = new Map();
  for (const e of events) {
    const c = e.connection ?? e.stream?.connection;
    if (!people.has(c.id))
      people.set(c.id, { name: nameOf(c.data), created: false, left: false, streams: new Map() });
  }
  for (const e of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const who = people.get((e.connection ?? e.stream.connection).id);
    if (e.event === 'connectionCreated' || e.event === 'streamCreated') who.created = true;
    if (e.event === 'connectionDestroyed') who.left = true;
    if (e.event === 'streamCreated') who.streams.set(e.stream.id, e.stream.videoType);
    if (e.event === 'streamDestroyed') who.streams.delete(e.stream.id);
  }
  return [...people.entries()]
    .filter(([, p]) => p.created && !p.left)
    .sort((a, b) => Number(a[0].split('-')[1]) - Number(b[0].split('-')[1]))
    .map(([, p]) => ({ name: p.name, kinds: [...new Set(p.streams.values())].sort() }));
}

/**
 * `total` callbacks over `meetings` meetings. One meeting: fully shuffled (Vonage does not promise
 * order). Several: round-robin across meetings, shuffled within windows of 200 (out of order
 * locally, the meetings' timelines moving forward together, as in a real day).
 */
export function workload({ meetings, total, tag, seed = 7 }) {
  const random = rng(seed);
  const t0 = Date.now() - 3600_000;
  const per = Math.ceil(total / meetings);
  const lists = Array.from({ length: meetings }, (_, m) => meetingEvents(sessionOf(tag, m), m, per, t0));
  const events = [];
  for (let i = 0; i < per; i++)
    for (const list of lists) if (i < list.length && events.length < total) events.push(list[i]);
  const window = meetings === 1 ? events.length : 200;
  for (let start = 0; start < events.length; start += window) {
    const end = Math.min(events.length, start + window);
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(random() * (i - start + 1));
      [events[i], events[j]] = [events[j], events[i]];
    }
  }
  const expected = lists.map((_, m) => finalState(events.filter((e) => e.sessionId === sessionOf(tag, m))));
  return { events, expected };
}

/** Signs a body like Vonage does (HS256 JWT with the body's sha256 as payload_hash). */
export async function signed(payload) {
  const body = JSON.stringify(payload);
  const jwt = await new SignJWT({ payload_hash: createHash('sha256').update(body).digest('hex') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setJti(randomUUID())
    .setIssuer('Vonage')
    .sign(key);
  return { body, authorization: `Bearer ${jwt}` };
}

/** POSTs every request at `concurrency`, closed loop; per-request latency (ms) and status counts. */
export async function drive(url, requests, concurrency) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
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
  latencies.sort((a, b) => a - b);
  return { latencies, statuses };
}

/** The p-th percentile of sorted `xs`. */
export const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Warm-up (not measured): opens the keep-alive sockets and lets V8 compile the hot paths. */
export async function warmUp(url, concurrency) {
  const warm = await Promise.all(
    Array.from({ length: 400 }, (_, i) =>
      signed({
        sessionId: '2_warm-up',
        projectId: '12345',
        event: 'connectionCreated',
        timestamp: Date.now(),
        connection: { id: `w${i}`, createdAt: Date.now(), data: '' },
      }),
    ),
  );
  await drive(url, warm, concurrency);
}
