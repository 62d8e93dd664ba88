import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startControlServer } from './control-server.js';
import { launchChromium, watchProblems } from './chromium.js';
import { startJoinHarness, type JoinHarness } from './harness.js';

describe('join page in headless Chromium (emulator relay)', () => {
  let browser: Browser;
  let h: JoinHarness;
  let control: Awaited<ReturnType<typeof startControlServer>>;
  beforeAll(async () => {
    browser = await launchChromium();
    control = await startControlServer();
    h = await startJoinHarness({ emulator: { url: control.url } });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await control?.close();
  });

  it('joins', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
    const problems = watchProblems(page);
    await page.goto(`${h.url}/join/${h.ticket()}`);
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.waitForSelector('body[data-state="joined"]');
    await page.screenshot({ path: '/tmp/jb/joined.png' });
    expect(await page.locator('#status').textContent()).toContain('You are in the meeting');
    expect(problems).toEqual([]);
  });
});
