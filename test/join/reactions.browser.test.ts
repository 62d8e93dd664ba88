import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { mountCallbacks } from '../../src/events/index.js';
import { LiveCards } from '../../src/cards/service.js';
import { silentLogger } from '../../src/log.js';
import { VideoClient } from '../../src/video/index.js';
import { launchChromium, watchProblems } from './chromium.js';
import { startJoinHarness, type JoinHarness } from './harness.js';
import { SCREENSHOT_DIR } from './screenshots.js';

// The demo join page reacts as the real client SDK would: it shows being muted by a moderator,
// mute-all, a signal, a moderator stopping a stream, being removed, the meeting ending and a lost
// connection; after Leave it says so and offers a way back. Real emulator, real bot routes, real
// headless Chromium.

const TIMEOUT_MS = 1500;

describe('the demo join page reacts to the meeting', () => {
  let browser: Browser;
  let emu: Emulator;
  let h: JoinHarness;
  let video: VideoClient;

  beforeAll(async () => {
    browser = await launchChromium();
    // A short connection timeout, so a page that goes quiet is dropped within the test.
    emu = await startEmulator({ timing: { connectionTimeoutMs: TIMEOUT_MS } });
    video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
    const { sessionId } = await video.createSession({ mediaMode: 'routed' });
    h = await startJoinHarness({ emulator: emu, video, sessionId });
    const cards = new LiveCards({ store: h.store, log: silentLogger, minIntervalMs: 20 });
    mountCallbacks(h.server, {
      store: h.store,
      cards,
      log: silentLogger,
      auth: { pathToken: 'callback-path-token' },
    });
    emu.setCallbackUrl(`${h.url}/vonage/events/callback-path-token`);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await emu?.close();
  });

  async function joined(name: string): Promise<{ page: Page; problems: string[]; connectionId: string }> {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const before = new Set(emu.snapshot(h.meeting.sessionId).connections.map((c) => c.id));
    await page.goto(`${h.url}/join/${h.ticket({ n: name, u: `U-${name}` })}`);
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="joined"]');
    const conn = emu.snapshot(h.meeting.sessionId).connections.find((c) => !before.has(c.id))!;
    return { page, problems, connectionId: conn.id };
  }

  const status = (page: Page) => page.getByRole('status').first().textContent();
  const streamOf = (connectionId: string) =>
    emu
      .snapshot(h.meeting.sessionId)
      .streams.find((s) => s.connectionId === connectionId && s.videoType === 'camera')!;

  it('shows a force mute and mute-all on the mute button, and signals as messages', async () => {
    const { page, problems, connectionId } = await joined('Ada');
    await video.forceMuteStream(h.meeting.sessionId, streamOf(connectionId).id);
    await expect.poll(() => status(page)).toBe('A moderator muted your microphone.');
    expect(await page.locator('#mic').textContent()).toBe('Unmute microphone');
    expect(await page.locator('#self-badge').textContent()).toBe('muted');

    await page.getByRole('button', { name: 'Unmute microphone' }).click();
    await video.forceMuteAll(h.meeting.sessionId);
    await expect.poll(() => status(page)).toMatch(/^A moderator muted everyone/);
    expect(await page.locator('#mic').textContent()).toBe('Unmute microphone');
    await video.disableForceMute(h.meeting.sessionId);

    await video.signal(h.meeting.sessionId, connectionId, { type: 'chat', data: 'Break in <5> minutes' });
    await page.getByText('Break in <5> minutes').waitFor();
    expect(await page.locator('#messages li').first().textContent()).toContain('Break in <5> minutes');
    await page.screenshot({ path: `${SCREENSHOT_DIR}join-muted-signal.png` });

    // Sharing, stopped by a moderator: the button goes back and the page says who did it.
    await page.getByRole('button', { name: 'Share screen' }).click();
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    const screen = emu.snapshot(h.meeting.sessionId).streams.find((s) => s.videoType === 'screen')!;
    await emu.unpublish(screen.id, 'forceUnpublished');
    await expect.poll(() => status(page)).toBe('A moderator stopped your screen sharing.');
    await page.getByRole('button', { name: 'Share screen' }).waitFor();

    // Leaving says so, and offers a fresh link (the ticket would still be valid).
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForSelector('body[data-state="left"]');
    expect(await page.locator('#who').textContent()).toBe('You left the meeting');
    expect(await page.locator('#demo-note').textContent()).not.toContain('card shows you');
    const rejoin = page.getByRole('link', { name: 'Rejoin' });
    await rejoin.waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}join-left.png` });
    await rejoin.click();
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="joined"]');
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForSelector('body[data-state="left"]');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows emulated caption lines while live captions run, and a screenshot for the docs', async () => {
    const { page, problems } = await joined('Cleo');
    const token = video.generateToken(h.meeting.sessionId, { role: 'moderator' });
    const { captionsId } = await video.startCaptions(h.meeting.sessionId, token, { languageCode: 'en-US' });
    const caption = page.locator('#messages li.caption').first();
    await caption.waitFor();
    expect(await caption.textContent()).toMatch(
      /^Caption \(.+\): \(emulated caption \d+, en-US\) .+ is speaking\.$/,
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}join-captions.png` });
    await video.stopCaptions(captionsId);
    expect(problems).toEqual([]);
    await page.close();
  });
  it('says "You were removed" after a kick, and "The meeting has ended" when it ends', async () => {
    const kicked = await joined('Bo');
    await video.forceDisconnect(h.meeting.sessionId, kicked.connectionId);
    await kicked.page.waitForSelector('body[data-state="left"]');
    expect(await kicked.page.locator('#who').textContent()).toBe('You were removed from the meeting');
    expect(await kicked.page.getByRole('link', { name: 'Rejoin' }).count()).toBe(0);

    const stays = await joined('Cy');
    // As /video end does: disconnect everyone, then mark the meeting ended.
    await video.forceDisconnect(h.meeting.sessionId, stays.connectionId);
    await h.store.updateMeeting('mtg1', { status: 'ended', endedAt: Date.now() });
    await stays.page.waitForSelector('body[data-state="left"]');
    expect(await stays.page.locator('#who').textContent()).toBe('The meeting has ended');
    expect(await stays.page.locator('#after').textContent()).not.toContain('/video join');
    await stays.page.screenshot({ path: `${SCREENSHOT_DIR}join-ended.png` });
    await h.store.updateMeeting('mtg1', { status: 'active', endedAt: null });
    for (const p of [kicked, stays]) {
      expect(p.problems).toEqual([]);
      await p.page.close();
    }
  });

  it('keeps a polling page connected past the timeout; a page that goes quiet is dropped and says so', async () => {
    const { page, connectionId } = await joined('Di');
    // Well past the connection timeout, the page is still there: its event poll is its heartbeat.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 2.5));
    expect(emu.snapshot(h.meeting.sessionId).connections.map((c) => c.id)).toContain(connectionId);
    // Cut the page off from the bot: no more polls, so the emulator times the connection out.
    await page.route('**/join/emulator/**', (route) => route.abort());
    await expect
      .poll(() => emu.snapshot(h.meeting.sessionId).connections.map((c) => c.id), { timeout: 15_000 })
      .not.toContain(connectionId);
    // The bot heard it like any timeout: connectionDestroyed with networkDisconnected.
    const destroyed = emu
      .deliveries()
      .find(
        (d) =>
          d.event === 'connectionDestroyed' && (d.payload.connection as { id: string }).id === connectionId,
      );
    expect(destroyed?.payload.reason).toBe('networkDisconnected');
    await expect
      .poll(async () => (await h.store.listConnections('mtg1')).map((c) => c.connectionId))
      .not.toContain(connectionId);
    await page.unroute('**/join/emulator/**');
    await page.waitForSelector('body[data-state="left"]', { timeout: 15_000 });
    expect(await page.locator('#who').textContent()).toBe('Your connection to the meeting was lost');
    await page.close();
  });

  it('an open tab whose link was used elsewhere shows no "Try again" that cannot work', async () => {
    const ticket = h.ticket({ n: 'Eve', u: 'U-Eve' });
    const page = await browser.newPage();
    await page.goto(`${h.url}/join/${ticket}`);
    // The same link used in another tab first.
    const other = await fetch(`${h.url}/join/${ticket}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="failed"]');
    expect(await page.getByRole('alert').textContent()).toContain('This join link was already used');
    expect(await page.getByRole('button', { name: /Try again|Join meeting/ }).count()).toBe(0);
    await page.close();
  });
});
