// Side by side, part two: tokens (the official checks, messages and rounding), generateJwt, the
// apiSecret property, createSession's quiet fallbacks, and the helpers on result objects.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenTok } from '../../src/video/opentok.js';
import { FOREIGN_SESSION, SESSION as S } from './helpers/fixtures.js';
import { errorView, Official, shape, SideBySide, wire, type Sdk } from './helpers/side-by-side.js';

const sbs = new SideBySide();
beforeAll(() => sbs.start());
afterAll(() => sbs.close());

const now = () => Math.round(Date.now() / 1000);
/** The error a synchronous call throws, as a caller sees it (the clock in messages normalised). */
function thrown(sdk: Sdk, which: 'official' | 'ours', f: (sdk: Sdk) => unknown) {
  try {
    f(sdk);
  } catch (e) {
    const v = errorView(e, which) as { class: string; message: string };
    return { ...v, message: v.message.replace(/\d{9,}/g, 'T') };
  }
  return undefined;
}
const t1Fields = (token: string) =>
  Object.fromEntries(new URLSearchParams(Buffer.from(token.slice(4), 'base64').toString().split(':')[1]));

const TOKEN_ERRORS: Array<[string, (sdk: Sdk) => unknown]> = [
  ['a session ID that is not a string', (o) => o.generateToken(123456)],
  ['a session of another API key', (o) => o.generateToken(FOREIGN_SESSION)],
  ['an unknown role', (o) => o.generateToken(S, { role: 'admin' })],
  ['an expiry in the past', (o) => o.generateToken(S, { expireTime: now() - 100 })],
  ['data over 1024 characters', (o) => o.generateToken(S, { data: 'x'.repeat(1025) })],
  ['data that is not a string', (o) => o.generateToken(S, { data: 42 })],
  [
    'a class list over 1024 characters',
    (o) => o.generateToken(S, { initialLayoutClassList: ['c'.repeat(1025)] }),
  ],
];

describe('generateToken side by side', () => {
  it.each(TOKEN_ERRORS)('refuses %s with the official error', (_name, f) => {
    const theirs = thrown(sbs.official, 'official', f);
    expect(theirs).toBeDefined();
    expect(thrown(sbs.ours, 'ours', f)).toStrictEqual(theirs);
  });

  it('rounds a fractional expireTime as the official package does (Math.round), in both formats', () => {
    const exp = now() + 3600.5;
    for (const opts of [{ expireTime: exp }, { expireTime: String(exp) }]) {
      const theirs = decodeJwt(String(sbs.official.generateToken(S, opts))).expire_time;
      expect(decodeJwt(String(sbs.ours.generateToken(S, opts))).expire_time).toBe(theirs);
      expect(theirs).toBe(Math.round(exp));
      const t1 = t1Fields(String(sbs.ours.generateToken(S, opts, true)));
      expect(t1.expire_time).toBe(String(theirs));
    }
  });

  it('mints the same claims for the same options (nonce and times aside)', () => {
    const opts = { role: 'moderator', data: 'name=Ada', initialLayoutClassList: ['focus', 'full'] };
    const strip = (t: string) => {
      const { iat: _i, exp: _e, nonce: _n, create_time: _c, expire_time: _x, ...rest } = decodeJwt(t);
      return rest;
    };
    expect(strip(String(sbs.ours.generateToken(S, opts)))).toStrictEqual(
      strip(String(sbs.official.generateToken(S, opts))),
    );
    const keys = (t: string) => Object.keys(t1Fields(t));
    expect(keys(String(sbs.ours.generateToken(S, opts, true)))).toEqual(
      keys(String(sbs.official.generateToken(S, opts, true))),
    );
  });

  it('keeps the documented limits the official package skips, with a plain Error', () => {
    const tooLong = (o: Sdk) => o.generateToken(S, { data: 'd'.repeat(1010) });
    expect(thrown(sbs.official, 'official', tooLong)).toBeUndefined();
    expect(thrown(sbs.ours, 'ours', tooLong)).toEqual({
      class: 'Error',
      message: 'token data must be at most 1000 characters.',
    });
    const far = (o: Sdk) => o.generateToken(S, { expireTime: now() + 60 * 86_400 });
    expect(thrown(sbs.ours, 'ours', far)?.message).toBe('expireTime must be at most 30 days from now.');
  });
});

describe('instance surface side by side', () => {
  it('generateJwt returns a fresh project JWT with the same claims', () => {
    const theirs = decodeJwt(String(sbs.official.generateJwt()));
    const ours = decodeJwt(String(sbs.ours.generateJwt()));
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect([ours.iss, ours.ist, ours.exp! - ours.iat!]).toEqual([theirs.iss, theirs.ist, 300]);
  });

  it('exposes apiKey, apiSecret and apiUrl, keeping the secret out of enumeration', () => {
    for (const k of ['apiKey', 'apiSecret', 'apiUrl'] as const)
      expect((sbs.ours as Record<string, unknown>)[k]).toBe((sbs.official as Record<string, unknown>)[k]);
    expect(Object.keys(sbs.official)).toContain('apiSecret');
    expect(Object.keys(sbs.ours)).not.toContain('apiSecret');
    expect(JSON.stringify({ ...sbs.ours })).not.toContain('test-secret');
  });

  it('exports the official error classes as static properties, with the same default messages', () => {
    type Ctor = new (message?: string) => Error;
    const theirs = Official as unknown as Record<string, Ctor>;
    const ours = OpenTok as unknown as Record<string, Ctor>;
    const names = Object.keys(theirs).filter((k) => typeof theirs[k] === 'function');
    expect(names).toContain('ArchiveError');
    expect(names).toHaveLength(10);
    for (const name of names) {
      expect(typeof ours[name], name).toBe('function');
      const official = new theirs[name]!();
      const mine = new ours[name]!();
      // The official classes leave `message` undefined when none is given; an Error has ''.
      expect([name, mine.message]).toEqual([name, official.message ?? '']);
      expect(new ours[name]!('custom').message).toBe('custom');
      expect(mine).toBeInstanceOf(Error);
    }
  });

  it('falls back quietly for unknown media and archive modes, logging once at debug', async () => {
    const lines: string[] = [];
    const ours = new OpenTok('123456', 'test-secret-0123456789abcdef', {
      apiUrl: sbs.rec.url,
      debug: (m) => lines.push(m),
    });
    const call = (o: Sdk, d: (...a: unknown[]) => void) =>
      o.createSession({ mediaMode: 'sfu', archiveMode: 'sometimes' }, d);
    const official = await sbs.run(sbs.official, call);
    const mine = await sbs.run(ours as unknown as Sdk, call);
    await sbs.run(ours as unknown as Sdk, call);
    expect(wire(mine.requests[0])).toStrictEqual(wire(official.requests[0]));
    expect(shape(mine.args?.[1])).toStrictEqual(shape(official.args?.[1]));
    expect(shape(mine.args?.[1])).toMatchObject({ mediaMode: 'relayed', archiveMode: 'manual' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('mediaMode "sfu"');
    await ours.close();
  });
});

describe('result helpers side by side', () => {
  it('archive.stop(), archive.delete() and broadcast.stop() send what the methods send', async () => {
    for (const [get, use] of [
      [(o: Sdk, d: (...a: unknown[]) => void) => o.getArchive('ARCH1', d), 'stop'],
      [(o: Sdk, d: (...a: unknown[]) => void) => o.getArchive('ARCH1', d), 'delete'],
      [(o: Sdk, d: (...a: unknown[]) => void) => o.getBroadcast('BC1', d), 'stop'],
    ] as const) {
      const out: unknown[] = [];
      for (const sdk of [sbs.official, sbs.ours]) {
        const got = await sbs.run(sdk, get);
        const helper = (got.args?.[1] as Record<string, (cb: (...a: unknown[]) => void) => void>)[use]!;
        const used = await sbs.run(sdk, (_o, d) => helper(d));
        out.push([wire(used.requests[0]), used.args?.[0], shape(used.args?.[1])]);
      }
      expect(out[1]).toStrictEqual(out[0]);
    }
  });

  it("session.generateToken mints the session's token like the official Session", async () => {
    const reply = { body: [{ session_id: S }] };
    const a = await sbs.run(sbs.official, (o, d) => o.createSession({}, d), reply);
    const b = await sbs.run(sbs.ours, (o, d) => o.createSession({}, d), reply);
    const mint = (s: unknown) =>
      decodeJwt((s as { generateToken: (o: object) => string }).generateToken({ role: 'subscriber' }));
    expect([mint(b.args?.[1]).session_id, mint(b.args?.[1]).role]).toEqual([
      mint(a.args?.[1]).session_id,
      'subscriber',
    ]);
  });
});
