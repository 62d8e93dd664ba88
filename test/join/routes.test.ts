import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { decodeJwt } from 'jose';
import { openTokScriptPath } from '../../src/join/assets.js';
import { parseConnectionData } from '../../src/identity.js';
import { createTicket } from '../../src/join/tickets.js';
import { postJson, startJoinHarness, type JoinHarness } from './harness.js';

describe('join routes (real server, real store, real Video client)', () => {
  let h: JoinHarness;
  beforeAll(async () => {
    h = await startJoinHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the page for a valid ticket with a strict CSP, no caching and no referrer', async () => {
    const res = await fetch(`${h.url}/join/${h.ticket()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('Design review &lt;b&gt;');
    expect(html).toContain('Grace Hopper');
    expect(html).toContain('src="/join/assets/opentok.js"');
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('shows friendly error pages with the right status for forged, malformed, expired, unknown and ended', async () => {
    const good = h.ticket();
    const forged = `${good.slice(0, good.indexOf('.'))}.${'A'.repeat(43)}`;
    const cases: Array<[string, number, string]> = [
      [forged, 403, 'not valid'],
      ['nonsense', 400, 'incomplete'],
      [h.ticket({}, -1), 410, 'expired'],
      [h.ticket({ m: 'nope' }), 404, 'cannot find this meeting'],
    ];
    for (const [ticket, status, words] of cases) {
      const res = await fetch(`${h.url}/join/${ticket}`);
      const html = await res.text();
      expect(res.status, words).toBe(status);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(html).toContain(words);
      expect(html).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
    const forgedHtml = await (await fetch(`${h.url}/join/${forged}`)).text();
    expect(forgedHtml).toContain('/video join');
  });

  it('exchanges a ticket once for a token with the ticket role and the chat user in its data', async () => {
    const ticket = h.ticket({ r: 'moderator', u: 'U9', n: 'Katherine Johnson' });
    const first = await postJson(`${h.url}/join/${ticket}/token`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.json).toMatchObject({
      mode: 'vonage',
      applicationId: '47000001',
      sessionId: h.meeting.sessionId,
      name: 'Katherine Johnson',
      role: 'moderator',
    });
    const claims = decodeJwt(String(first.json.token));
    expect(claims.role).toBe('moderator');
    expect(claims.session_id).toBe(h.meeting.sessionId);
    expect(parseConnectionData(String(claims.connection_data))).toEqual({
      kind: 'user',
      platform: 'slack',
      userId: 'U9',
      name: 'Katherine Johnson',
    });

    const again = await postJson(`${h.url}/join/${ticket}/token`);
    expect(again.status).toBe(410);
    expect(again.json).toMatchObject({ error: 'used' });
    expect(again.json.token).toBeUndefined();
    const page = await fetch(`${h.url}/join/${ticket}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('already used');
    // Neither the token nor the ticket ever reaches a log line.
    const logs = h.logs.join('\n');
    expect(logs).toContain('join ticket exchanged');
    expect(logs).not.toContain(String(first.json.token));
    expect(logs).not.toContain(ticket);
  });

  it('lets exactly one of many concurrent exchanges of one ticket through', async () => {
    const ticket = h.ticket();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => postJson(`${h.url}/join/${ticket}/token`)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 410)).toHaveLength(7);
  });

  it('refuses exchange of expired, forged and ended-meeting tickets with JSON errors', async () => {
    const expired = await postJson(`${h.url}/join/${h.ticket({}, -1)}/token`);
    expect(expired.status).toBe(410);
    expect(expired.json).toMatchObject({ error: 'expired' });
    expect(String(expired.json.action)).toContain('/video join');
    const forged = await postJson(
      `${h.url}/join/${createTicket({ m: 'mtg1', u: 'U2', n: 'Mallory', r: 'moderator' }, 'wrong-secret', h.clock.now)}/token`,
    );
    expect(forged.status).toBe(403);
    expect(forged.json).toMatchObject({ error: 'forged' });
  });

  it('expires a ticket when the clock passes its lifetime', async () => {
    const ticket = h.ticket({}, 60_000);
    expect((await fetch(`${h.url}/join/${ticket}`)).status).toBe(200);
    h.clock.now += 61_000;
    try {
      const res = await fetch(`${h.url}/join/${ticket}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('expired');
    } finally {
      h.clock.now -= 61_000;
    }
  });

  it('refuses cross-origin and non-JSON exchanges without using the ticket up', async () => {
    const ticket = h.ticket();
    const cross = await postJson(`${h.url}/join/${ticket}/token`, {}, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const form = await fetch(`${h.url}/join/${ticket}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    expect((await postJson(`${h.url}/join/${ticket}/token`, {}, { origin: h.url })).status).toBe(200);
  });

  it('says the meeting ended once it has', async () => {
    const ticket = h.ticket();
    await h.store.updateMeeting('mtg1', { status: 'ended', endedAt: h.clock.now });
    try {
      const res = await fetch(`${h.url}/join/${ticket}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('/video start');
      expect((await postJson(`${h.url}/join/${ticket}/token`)).status).toBe(410);
    } finally {
      await h.store.updateMeeting('mtg1', { status: 'active', endedAt: null });
    }
  });

  it('serves the page scripts and the Vonage client library from our own origin', async () => {
    const sdk = await fetch(`${h.url}/join/assets/opentok.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('content-type')).toContain('javascript');
    expect((await sdk.text()).length).toBeGreaterThan(1_000_000);
    for (const file of ['join.js', 'join-ui.js', 'join-emulator.js', 'join-vonage.js', 'join.css']) {
      expect((await fetch(`${h.url}/join/assets/${file}`)).status, file).toBe(200);
    }
    expect((await fetch(`${h.url}/join/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    // Compressed for browsers that accept gzip, plain for those that do not.
    const head = (encoding: string) =>
      new Promise<{ encoding?: string; length: number }>((resolve, reject) => {
        request(`${h.url}/join/assets/opentok.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
          let length = 0;
          res.on('data', (c: Buffer) => (length += c.length));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], length }));
        })
          .on('error', reject)
          .end();
      });
    const plain = await head('identity');
    const zipped = await head('gzip, deflate, br');
    expect(plain).toEqual({ encoding: undefined, length: statSync(openTokScriptPath()).size });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.length).toBeLessThan(plain.length / 3);
    expect((await fetch(`${h.url}/join/assets/tickets.ts`)).status).toBe(404);
  });

  it('answers the emulator relay with 404 when the backend is the real service', async () => {
    const res = await postJson(`${h.url}/join/emulator/connect`, { grant: 'x', token: 'y' });
    expect(res.status).toBe(404);
  });
});
