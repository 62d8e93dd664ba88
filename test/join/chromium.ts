import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// Real headless Chromium (Debian's package, installed by .ci/run). A missing or broken browser is a
// failure with instructions, never a skipped test.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with fake camera/microphone and auto-accepted permission prompts. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (the CI script does).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/** Collects what would mean a broken page: CSP violations, script errors, console errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().includes('/join/emulator/'))
      problems.push(`http ${res.status()}: ${new URL(res.url()).pathname.slice(0, 40)}`);
  });
  return problems;
}
