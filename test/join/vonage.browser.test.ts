import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SCREENSHOT_DIR } from './screenshots.js';
import { launchChromium } from './chromium.js';
import { startJoinHarness, type JoinHarness } from './harness.js';

// Real mode: the page loads the Vonage client library from our server under the strict script CSP,
// and the library starts the camera. The machine has no route to Vonage, which lets us check that a
// connection failure is explained in plain words and that "Try again" starts cleanly.

const DOCS = SCREENSHOT_DIR;

describe('join page in headless Chromium with the real Vonage client library', () => {
  let browser: Browser;
  let h: JoinHarness;
  beforeAll(async () => {
    browser = await launchChromium();
    h = await startJoinHarness();
    await h.store.updateMeeting('mtg1', { title: 'Weekly design review' });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('loads the SDK from our origin under the CSP and explains an unreachable service in plain words', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const blocked: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) blocked.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const sdkRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('opentok')) sdkRequests.push(r.url());
    });
    await page.goto(`${h.url}/join/${h.ticket()}`);
    expect(await page.evaluate(() => typeof (window as unknown as { OT?: { version?: string } }).OT)).toBe(
      'object',
    );
    expect(sdkRequests).toEqual([`${h.url}/join/assets/opentok.js`]);

    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="failed"]', { timeout: 60_000 });
    expect(await page.getByRole('alert').textContent()).toContain(
      'We could not reach the video service. A firewall, VPN or proxy may be blocking it',
    );
    expect(await page.getByRole('button', { name: 'Try again' }).isEnabled()).toBe(true);
    await page.screenshot({ path: `${DOCS}join-connection-error.png` });

    // Try again reuses the exchanged token (the ticket is single-use); a failed try leaves no publisher behind.
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForSelector('body[data-state="failed"]', { timeout: 60_000 });
    expect(await page.locator('#self-media .OT_publisher').count()).toBe(0);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 150_000);
});
