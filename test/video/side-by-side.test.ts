// The official `opentok` package and our OpenTok layer, driven through the same calls against the same
// local HTTP server: request method, path, query and body, and the callback arguments (error class
// and message, result shape and values) for every public method, every documented error status and
// the argument checks. Known differences are deliberate and listed in src/video/README.md.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenTok } from '../../src/video/opentok.js';
import { ARG_CASES } from './side-by-side-args.js';
import { METHOD_CASES, STATUSES, type MethodCase } from './side-by-side-cases.js';
import type { Reply } from './helpers/recorder.js';
import { errorView, Official, shape, SideBySide, wire, type Sdk } from './helpers/side-by-side.js';

const sbs = new SideBySide();
beforeAll(() => sbs.start());
afterAll(() => sbs.close());

/** What the official transport gives for an error status (used where the official package itself breaks). */
function officialTransportError(status: number, text: string) {
  if (status === 401 || status === 403) return { class: 'AuthError', message: 'Invalid API key or secret' };
  if (status === 404) return { class: 'NotFoundError', message: 'Not Found' };
  const m = (JSON.parse(text) as { message?: string }).message || text;
  return {
    class: 'RequestError',
    message: `Unexpected response from OpenTok: "${JSON.stringify({ message: m })}"`,
  };
}

const errorArgs = (c: MethodCase, args: unknown[] | undefined, which: 'official' | 'ours') =>
  (c.method === 'startArchive' ? [args?.[0], args?.[1]] : [args?.[0]]).map((e) => errorView(e, which));

describe('coverage', () => {
  it('has a row for every public method of the official package, and ours has each one', () => {
    const sdk = sbs.official as Record<string, unknown>;
    const names = new Set<string>();
    for (
      let o: object | null = sdk;
      o && o !== Object.prototype;
      o = Object.getPrototypeOf(o) as object | null
    )
      for (const k of Object.getOwnPropertyNames(o))
        if (k !== 'constructor' && typeof sdk[k] === 'function') names.add(k);
    const covered = new Set([...METHOD_CASES.map((c) => c.method), 'generateToken', 'generateJwt']);
    expect([...names].filter((n) => !covered.has(n))).toEqual([]);
    for (const n of names) expect(typeof (sbs.ours as Record<string, unknown>)[n]).toBe('function');
  });
});

describe.each(METHOD_CASES)('$method', (c) => {
  it('succeeds with the same request and the same result', async () => {
    const official = await sbs.run(sbs.official, c.invoke, c.reply);
    const ours = await sbs.run(sbs.ours, c.invoke, c.reply);
    expect(wire(ours.requests[0])).toStrictEqual(wire(official.requests[0]));
    expect(ours.requests).toHaveLength(1);
    expect(official.args?.[0]).toBeNull();
    expect(ours.args?.[0]).toBeNull();
    if (c.result === 'raw') return;
    expect(shape(ours.args?.[1])).toStrictEqual(shape(official.args?.[1]));
    if (typeof official.args?.[2] === 'number') expect(ours.args?.[2]).toBe(official.args[2]);
    for (const h of c.helpers ?? []) {
      expect(typeof (official.args?.[1] as Record<string, unknown>)[h]).toBe('function');
      expect(typeof (ours.args?.[1] as Record<string, unknown>)[h]).toBe('function');
    }
  });

  it.each(STATUSES)('reports a %i with the official error class and message', async (status) => {
    const text = JSON.stringify({ code: status, message: `boom ${status}` });
    const reply: Reply = { status, body: JSON.parse(text) as unknown };
    const ours = await sbs.run(sbs.ours, c.invoke, reply);
    if (c.officialBug?.statuses.includes(status)) {
      expect(errorArgs(c, ours.args, 'ours')).toStrictEqual([officialTransportError(status, text)]);
      return;
    }
    const official = await sbs.run(sbs.official, c.invoke, reply);
    expect(errorArgs(c, ours.args, 'ours')).toStrictEqual(errorArgs(c, official.args, 'official'));
    expect(wire(ours.requests[0])).toStrictEqual(wire(official.requests[0]));
    expect(ours.args?.[0]).toMatchObject({ status });
  });
});

const BODY_VARIANTS: Array<[string, Reply]> = [
  ['an HTML 500', { status: 500, body: '<html>oops</html>', headers: { 'content-type': 'text/html' } }],
  ['a JSON 409 without a message', { status: 409, body: { code: 409 } }],
  ['a plain-text 400', { status: 400, body: 'bad things' }],
  ['a JSON 405', { status: 405, body: { message: 'not manual' } }],
];
const VARIANT_METHODS = [
  'createSession',
  'stopArchive',
  'addArchiveStream',
  'startBroadcast',
  'dial',
  'websocketConnect',
];

describe.each(BODY_VARIANTS)('with %s', (_name, reply) => {
  it.each(VARIANT_METHODS)('%s quotes the reply as the official package does', async (method) => {
    const c = METHOD_CASES.find((x) => x.method === method)!;
    const official = await sbs.run(sbs.official, c.invoke, reply);
    const ours = await sbs.run(sbs.ours, c.invoke, reply);
    expect(errorArgs(c, ours.args, 'ours')).toStrictEqual(errorArgs(c, official.args, 'official'));
  });
});

describe('argument checks', () => {
  it.each(ARG_CASES)('$name gives the official error', async (c) => {
    const official = await sbs.run(sbs.official, c.invoke, undefined, c.officialSends);
    const ours = await sbs.run(sbs.ours, c.invoke, undefined, true);
    const theirs = c.officialThrows ? official.thrown : official.args?.[0];
    expect(theirs).toBeInstanceOf(Error);
    expect(errorView(ours.args?.[0], 'ours')).toStrictEqual(errorView(theirs, 'official'));
    expect(ours.requests).toHaveLength(0);
    expect(official.requests).toHaveLength(c.officialSends ? 1 : 0);
  });
});

describe('network failures', () => {
  let dead: { official: Sdk; ours: Sdk; close: () => Promise<void> };
  beforeAll(async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    await new Promise<void>((r) => srv.close(() => r()));
    const ours = new OpenTok('123456', 'secret', { apiUrl: url, retry: { retries: 1, minDelayMs: 1 } });
    dead = {
      official: new Official('123456', 'secret', url),
      ours: ours as unknown as Sdk,
      close: () => ours.close(),
    };
  });
  afterAll(() => dead.close());

  // Only calls whose official handlers survive a network error (the others never call back).
  it.each([
    'createSession',
    'stopArchive',
    'listArchives',
    'getStream',
    'forceMuteStream',
    'dial',
    'websocketConnect',
  ])('%s reports a refused connection in node-fetch words', async (method) => {
    const c = METHOD_CASES.find((x) => x.method === method)!;
    const official = await sbs.run(dead.official, c.invoke);
    const ours = await sbs.run(dead.ours, c.invoke);
    expect(String(ours.args?.[0])).toBe(String(official.args?.[0]));
  });
});
