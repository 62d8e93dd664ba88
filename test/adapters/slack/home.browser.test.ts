import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { blockKitPage } from '../../support/block-kit-html.js';
import { launchChromium } from '../../join/chromium.js';
import { SCREENSHOT_DIR } from '../../join/screenshots.js';
import { startSlackHarness, type SlackHarness } from './harness.js';
import { postSigned } from './signing.js';

// The App Home "Meetings" tab as Slack would draw it: the blocks the bot publishes are rendered to
// HTML (test/support/block-kit-html.ts) and photographed in headless Chromium for docs/
// (UPDATE_SCREENSHOTS=1 writes docs/slack-app-home.png).

describe('Slack App Home, rendered', () => {
  let h: SlackHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startSlackHarness();
    browser = await launchChromium();
    const at = Date.UTC(2026, 11, 3, 15, 0);
    const meeting = (id: string, title: string, hostId: string, hostName: string, createdAt: number) =>
      h.store.createMeeting({
        id,
        sessionId: `s-${id}`,
        platform: 'slack',
        teamId: 'T1',
        channelId: 'C1',
        title,
        hostId,
        hostName,
        status: 'ended',
        options: { relayed: false, autoRecord: false, e2ee: false },
        muteAll: false,
        layout: null,
        createdAt,
        endedAt: createdAt + 45 * 60_000,
      });
    await meeting('mdesign', 'Design review', 'U1', 'Ada', at);
    await meeting('mplan', 'Sprint planning', 'U2', 'Bob', at + 86_400_000);
    const rec = (id: string, meetingId: string, name: string, createdAt: number, duration: number) =>
      h.store.upsertRecording({
        id,
        meetingId,
        name,
        status: 'available',
        outputMode: 'composed',
        createdAt,
        duration,
        size: duration * 180_000,
        startedBy: 'U1',
        announcedAt: null,
        seq: createdAt,
      });
    await rec('6f1c2a9e-0d4b-4c61-9a0e-3b8f5e2d7c11', 'mdesign', 'Mock-ups walkthrough', at + 60_000, 1520);
    await rec('b2e47d10-5a3c-4f8e-8d21-77c9a0e4f3b2', 'mplan', 'Planning', at + 86_460_000, 2410);
    await h.store.commit([
      { kind: 'attend', meetingId: 'mdesign', platform: 'slack', userId: 'U2', name: 'Bob', at },
      {
        kind: 'transcript',
        record: {
          recordingId: 'b2e47d10-5a3c-4f8e-8d21-77c9a0e4f3b2',
          meetingId: 'mplan',
          status: 'available',
          language: 'en-US',
          hasSummary: true,
          summary: null,
          createdAt: at,
          seq: at,
        },
      },
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows Bob the meetings he hosted and attended, with their buttons', async () => {
    const event = {
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'Ev-home-shot',
      event_time: 1,
      event: { type: 'app_home_opened', user: 'U2', channel: 'D2', tab: 'home' },
    };
    await postSigned(`${h.url}/slack/events`, JSON.stringify(event), { contentType: 'application/json' });
    const [call] = await h.api.waitFor('views.publish');
    const view = call!.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const page = await browser.newPage({ viewport: { width: 820, height: 560 } });
    await page.setContent(blockKitPage('Video ChatOps — Home', view.blocks));
    const shown = await page.innerText('main');
    expect(shown).toContain('Sprint planning');
    expect(shown).toContain('you hosted');
    expect(shown).toContain('Design review');
    expect(shown).toContain('hosted by Ada');
    expect(shown).toContain('Get link: Mock-ups walkthrough');
    expect(shown).toContain('transcript ready');
    await page.screenshot({ path: `${SCREENSHOT_DIR}slack-app-home.png`, fullPage: true });
    await page.close();
  });
});
