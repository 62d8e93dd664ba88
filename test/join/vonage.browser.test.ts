import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchProblems } from './chromium.js';
import { startJoinHarness, type JoinHarness } from './harness.js';

describe('join page in headless Chromium (real Vonage client library)', () => {
  let browser: Browser;
  let h: JoinHarness;
  beforeAll(async () => {
    browser = await launchChromium();
    h = await startJoinHarness();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('loads the SDK from our origin under the CSP and explains an unreachable service in plain words', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const csp: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) csp.push(m.text()); });
    await page.goto(`${h.url}/join/${h.ticket()}`);
    expect(await page.evaluate(() => typeof (window as unknown as { OT?: unknown }).OT)).toBe('object');
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="failed"]', { timeout: 60_000 });
    console.log(await page.locator('#problem').textContent(), problems, csp);
    await page.screenshot({ path: '/tmp/jb/vonage-failed.png' });
  }, 90_000);
});
