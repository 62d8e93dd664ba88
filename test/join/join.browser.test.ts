import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CardPublisher, MessageRef, View } from '../../src/chat.js';
import { CardRefresher } from '../../src/cards/refresher.js';
import { LiveCards } from '../../src/cards/service.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { mountCallbacks } from '../../src/events/index.js';
import { silentLogger } from '../../src/log.js';
import { VideoClient } from '../../src/video/index.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { launchChromium, watchProblems } from './chromium.js';
import { startJoinHarness, type JoinHarness } from './harness.js';

// The local demo end to end: a real emulator, the bot's server with the join routes and the callback
// ingestion, live cards with a recording publisher, and a real headless Chromium opening the link.

const DOCS = SCREENSHOT_DIR;

function cardText(view: View | undefined): string {
  return JSON.stringify(view?.blocks ?? []);
}

describe('join page in headless Chromium against the emulator', () => {
  let browser: Browser;
  let emu: Emulator;
  let h: JoinHarness;
  let refresher: CardRefresher;
  const edits: View[] = [];

  beforeAll(async () => {
    mkdirSync(DOCS, { recursive: true });
    browser = await launchChromium();
    emu = await startEmulator();
    const video = new VideoClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.url });
    const { sessionId } = await video.createSession();
    h = await startJoinHarness({ emulator: { url: emu.url }, video, sessionId });
    const cards = new LiveCards({ store: h.store, log: silentLogger, minIntervalMs: 20 });
    const publisher: CardPublisher = {
      platform: 'slack',
      post: async (place): Promise<MessageRef> => ({ ...place, messageId: 'card-1' }),
      update: async (_ref, view) => void edits.push(view),
    };
    cards.registerPublisher(publisher);
    mountCallbacks(h.server, {
      store: h.store,
      cards,
      log: silentLogger,
      auth: { pathToken: 'callback-path-token' },
    });
    emu.setCallbackUrl(`${h.url}/vonage/events/callback-path-token`);
    await h.store.updateMeeting('mtg1', { title: 'Weekly design review' });
    await cards.post('mtg1');
    refresher = new CardRefresher({ cards, log: silentLogger, pollMs: 50 });
    refresher.start();
  });
  afterAll(async () => {
    await refresher?.stop();
    await browser?.close();
    await h?.close();
    await emu?.close();
  });

  async function open(ticket: string): Promise<{ page: Page; problems: string[]; status: number }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const problems = watchProblems(page);
    const res = await page.goto(`${h.url}/join/${ticket}`);
    return { page, problems, status: res?.status() ?? 0 };
  }

  it('joins with camera preview, appears on the meeting card, and leaves', async () => {
    const { page, problems } = await open(h.ticket());
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Ready when you are/);
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="joined"]');
    expect(await page.getByRole('status').textContent()).toContain(
      'You are in the meeting as Grace Hopper. Demo mode: no real media.',
    );
    expect(await page.locator('#self-media video').count()).toBe(1);
    // Keyboard users land on the first control once in.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mic');

    // The emulator saw a verified client with our identity and a camera stream...
    const snap = emu.snapshot(h.meeting.sessionId);
    expect(snap.connections).toHaveLength(1);
    expect(JSON.parse(String(snap.connections[0]?.data))).toMatchObject({
      k: 'user',
      p: 'slack',
      u: 'U2',
      n: 'Grace Hopper',
    });
    expect(snap.streams.map((s) => [s.videoType, s.name])).toEqual([['camera', 'Grace Hopper']]);
    // ...and its callbacks reached the bot, whose card now lists the person.
    await expect.poll(() => cardText(edits.at(-1)), { timeout: 15_000 }).toContain('Grace Hopper');

    // Someone else joins from elsewhere: their tile shows up in the grid.
    const other = await emu.connect(
      h.meeting.sessionId,
      h.video.generateToken(h.meeting.sessionId, {
        data: '{"v":1,"k":"user","p":"slack","u":"U3","n":"Alan Turing"}',
      }),
      { name: 'Alan Turing' },
    );
    await emu.publish(other.connectionId, { videoType: 'camera', name: 'Alan Turing' });
    await page.getByText('Alan Turing').waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Mute microphone' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Microphone muted.');
    await page.screenshot({ path: `${DOCS}join-joined.png` });
    await page.getByRole('button', { name: 'Share screen' }).click();
    await page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    expect(emu.snapshot(h.meeting.sessionId).streams.filter((s) => s.videoType === 'screen')).toHaveLength(1);
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('button', { name: 'Share screen' }).waitFor();

    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForSelector('body[data-state="left"]');
    expect(emu.snapshot(h.meeting.sessionId).connections.map((c) => c.id)).toEqual([other.connectionId]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a blocked camera in plain words and still joins the demo; copes with no camera API at all', async () => {
    const blocked = await browser.newPage();
    await blocked.addInitScript(() => {
      // What the browser does when the person clicks "Block" on the permission prompt.
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await blocked.goto(`${h.url}/join/${h.ticket()}`);
    await blocked.getByRole('button', { name: 'Join meeting' }).click();
    await blocked.waitForSelector('body[data-state="joined"]');
    expect(await blocked.getByRole('status').textContent()).toContain(
      'Your browser blocked the camera and microphone. Click the camera icon in the address bar',
    );
    await blocked.getByRole('button', { name: 'Leave' }).click();
    await blocked.waitForSelector('body[data-state="left"]');
    await blocked.close();

    const bare = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await bare.addInitScript(() => Object.defineProperty(navigator, 'mediaDevices', { value: undefined }));
    await bare.goto(`${h.url}/join/${h.ticket()}`);
    await bare.getByRole('button', { name: 'Join meeting' }).click();
    await bare.waitForSelector('body[data-state="joined"]');
    expect(await bare.getByRole('status').textContent()).toContain('no preview');
    // Phone width: tiles stack in one column.
    const hedy = await emu.connect(h.meeting.sessionId, h.video.generateToken(h.meeting.sessionId), {
      name: 'Hedy Lamarr',
    });
    const tile = bare.locator(`#tile-${hedy.connectionId}`);
    await tile.waitFor({ timeout: 15_000 });
    const [a, b] = await Promise.all([bare.locator('#self-tile').boundingBox(), tile.boundingBox()]);
    expect(a?.x).toBe(b?.x);
    expect(b!.y).toBeGreaterThan(a!.y);
    await bare.getByRole('button', { name: 'Leave' }).click();
    await bare.waitForSelector('body[data-state="left"]');
    await bare.close();
    await emu.disconnect(hedy.connectionId);
  });

  it('refuses a reused link after it was exchanged', async () => {
    const ticket = h.ticket();
    const first = await open(ticket);
    await first.page.getByRole('button', { name: 'Join meeting' }).click();
    await first.page.waitForSelector('body[data-state="joined"]');
    const again = await open(ticket);
    expect(again.status).toBe(410);
    await expect
      .poll(() => again.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This join link was already used');
    await again.page.screenshot({ path: `${DOCS}join-used.png` });
    await first.page.getByRole('button', { name: 'Leave' }).click();
    await first.page.waitForSelector('body[data-state="left"]');
    await first.page.close();
    await again.page.close();
  });

  it('shows the expired page for an expired link', async () => {
    const { page, status } = await open(h.ticket({}, -1000));
    expect(status).toBe(410);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This join link has expired');
    expect(await page.getByText('Ask for a new link in the channel with /video join.').isVisible()).toBe(
      true,
    );
    await page.screenshot({ path: `${DOCS}join-expired.png` });
    await page.close();
  });

  it('shows the not-valid page for a forged link', async () => {
    const good = h.ticket({ r: 'moderator' });
    const claims = JSON.parse(Buffer.from(good.split('.')[0]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = Buffer.from(JSON.stringify({ ...claims, n: 'Mallory' })).toString('base64url');
    const { page, status } = await open(`${tampered}.${good.split('.')[1]}`);
    expect(status).toBe(403);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This join link is not valid');
    expect(await page.content()).not.toContain('Mallory');
    await page.screenshot({ path: `${DOCS}join-forged.png` });
    await page.close();
  });
});
