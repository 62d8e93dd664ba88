import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { TICKET_TTL_MS } from '../../src/join/tickets.js';
import { VideoClient } from '../../src/video/index.js';
import { postJson, startJoinHarness, type JoinHarness } from './harness.js';

// What the page is told after the meeting (or the link) is over: a fresh link for the same person
// while the original would still be valid, the meeting's status, and links that are expired for a
// meeting that ended, or for a session the Video API does not know, that do not advise waiting or
// /video join when neither helps.

describe('after the meeting and for old links', () => {
  let h: JoinHarness;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
    const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
    const { sessionId } = await video.createSession({ mediaMode: 'routed' });
    h = await startJoinHarness({ emulator: emu, video, sessionId });
  });
  afterAll(async () => {
    await h.close();
    await emu.close();
  });

  async function exchange(ttlMs?: number): Promise<Record<string, unknown>> {
    const out = await postJson(`${h.url}/join/${h.ticket({}, ttlMs)}/token`);
    expect(out.status).toBe(200);
    return out.json;
  }

  it('gives a fresh link for the same person and role, valid until the original would expire', async () => {
    const ex = await exchange();
    const out = await postJson(`${h.url}/join/rejoin`, { pass: ex.rejoin });
    expect(out.status).toBe(200);
    const path = String(out.json.path);
    expect(path).toMatch(/^\/join\/[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(path.split('/')[2]!.split('.')[0]!, 'base64url').toString());
    expect(claims).toMatchObject({
      m: 'mtg1',
      u: 'U2',
      n: 'Grace Hopper',
      r: 'publisher',
      exp: h.clock.now + TICKET_TTL_MS,
    });
    const page = await fetch(`${h.url}${path}`);
    expect(page.status).toBe(200);
    // A second link from the same pass works too (leave, rejoin, leave, rejoin).
    expect((await postJson(`${h.url}/join/rejoin`, { pass: ex.rejoin })).status).toBe(200);
  });

  it('says how to get a new link once the original would have expired', async () => {
    const ex = await exchange(60_000);
    h.clock.now += 61_000;
    try {
      const out = await postJson(`${h.url}/join/rejoin`, { pass: ex.rejoin });
      expect(out.status).toBe(410);
      expect(out.json).toMatchObject({
        error: 'expired',
        action: 'Ask for a new link in the channel with /video join.',
      });
    } finally {
      h.clock.now -= 61_000;
    }
  });

  it('refuses forged passes and other origins, and reports whether the meeting is on', async () => {
    const ex = await exchange();
    const pass = String(ex.rejoin);
    const [body, sig] = pass.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, r: 'moderator' })).toString('base64url')}.${sig}`;
    expect((await postJson(`${h.url}/join/rejoin`, { pass: forged })).status).toBe(403);
    expect((await postJson(`${h.url}/join/rejoin`, { pass: 'nonsense' })).status).toBe(403);
    expect(
      (await postJson(`${h.url}/join/rejoin`, { pass }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    // A grant (or ticket) is not a pass: the MACs are domain-separated.
    expect((await postJson(`${h.url}/join/rejoin`, { pass: ex.grant })).status).toBe(403);
    expect((await postJson(`${h.url}/join/status`, { pass })).json).toEqual({ meeting: 'active' });
  });

  it('after the meeting ended: no new link, no /video join advice, not even for an expired link', async () => {
    const ex = await exchange();
    const expiredTicket = h.ticket({}, -1000);
    await h.store.updateMeeting('mtg1', { status: 'ended', endedAt: h.clock.now });
    try {
      expect((await postJson(`${h.url}/join/status`, { pass: ex.rejoin })).json).toEqual({
        meeting: 'ended',
      });
      const out = await postJson(`${h.url}/join/rejoin`, { pass: ex.rejoin });
      expect(out.status).toBe(410);
      expect(out.json.error).toBe('meeting_ended');
      expect(JSON.stringify(out.json)).not.toContain('/video join');
      const page = await fetch(`${h.url}/join/${expiredTicket}`);
      expect(page.status).toBe(410);
      const html = await page.text();
      expect(html).toContain('This meeting has ended');
      expect(html).not.toContain('/video join');
    } finally {
      await h.store.updateMeeting('mtg1', { status: 'active', endedAt: null });
    }
  });

  it("an expired link of a running meeting says how long links last, in the chat's words", async () => {
    const html = await (await fetch(`${h.url}/join/${h.ticket({}, -1000)}`)).text();
    expect(html).toContain(`Join links work for ${TICKET_TTL_MS / 60_000} minutes after they are created`);
    expect(html).toContain('/video join');
  });

  it('a session the Video API does not know: "no longer available", not an outage to wait out', async () => {
    const other = await startJoinHarness({
      emulator: emu,
      video: new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url }),
      // A well-formed session of this project that the emulator never created (as after losing its state).
      sessionId: `1_${Buffer.from(`1~${emu.apiKey}~~${new Date().toUTCString()}~0.1234~`).toString('base64url')}`,
    });
    try {
      const ex = await postJson(`${other.url}/join/${other.ticket()}/token`);
      expect(ex.status).toBe(200);
      const out = await postJson(`${other.url}/join/emulator/connect`, {
        grant: ex.json.grant,
        token: ex.json.token,
      });
      expect(out.status).toBe(410);
      expect(out.json).toMatchObject({
        error: 'session_gone',
        title: 'This meeting is no longer available',
        action: 'Start a new meeting in the channel with /video start.',
      });
      expect(JSON.stringify(out.json)).not.toMatch(/outage|wait a minute/i);
    } finally {
      await other.close();
    }
  });
});
