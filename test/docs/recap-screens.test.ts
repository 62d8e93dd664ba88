import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Board } from '../../adapters/shell/board.js';
import { renderView as shellView } from '../../adapters/shell/render.js';
import { renderView as slackView } from '../../adapters/slack/render.js';
import { renderRecap } from '../../src/recap/render.js';
import type { RecapSnapshot } from '../../src/recap/snapshot.js';
import { recapState } from '../../src/recap/state.js';
import { launchChromium } from '../join/chromium.js';
import { SCREENSHOT_DIR } from '../join/screenshots.js';
import { consoleHtml, threadHtml } from './blockkit-html.js';

// The recap as people see it: the real renderers (recap -> neutral view -> Block Kit, and -> shell
// text) over a fixed 45-minute meeting, drawn by headless Chromium. With UPDATE_SCREENSHOTS=1 the
// pictures (and the shell text) land in docs/ for docs/RECAP.md; otherwise in a temporary folder.

const T0 = Date.UTC(2026, 11, 5, 14, 0, 0);
const min = 60_000;

function meeting(): RecapSnapshot {
  const person = (id: string, name: string, joined: number, left: number, kind: 'user' | 'sip' = 'user') => ({
    meetingId: 'k1',
    connectionId: id,
    kind,
    userId: kind === 'user' ? `U-${name}` : null,
    name,
    joinedAt: T0 + joined * min,
    leftAt: T0 + left * min,
    reason: null,
    seq: 1,
  });
  const act = (action: string, actorName: string, at: number) => ({
    meetingId: 'k1',
    platform: 'slack' as const,
    actorId: actorName,
    actorName,
    action,
    target: 'x',
    outcome: 'ok' as const,
    detail: null,
    at: T0 + at * min,
  });
  return {
    meeting: {
      id: 'k1',
      sessionId: 's',
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      title: 'Weekly sync',
      hostId: 'U-Ada',
      hostName: 'Ada Lovelace',
      status: 'ended',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: T0,
      endedAt: T0 + 45 * min + 12_000,
      version: 40,
    },
    connections: [
      person('c1', 'Ada Lovelace', 0, 45),
      person('c2', 'Bob Stone', 1, 44),
      person('c3', 'Chen Wu', 3, 30),
      person('c4', '+14155550100', 10, 25, 'sip'),
    ],
    sipLegs: [],
    recordings: [
      {
        id: '5f1c2a9e-0000-4000-8000-000000000001',
        meetingId: 'k1',
        name: 'Planning',
        status: 'available',
        outputMode: 'individual',
        createdAt: T0 + 2 * min,
        duration: 38 * 60 + 41,
        size: 412_000_000,
        startedBy: 'U-Ada',
        announcedAt: null,
        seq: 1,
      },
    ],
    transcripts: [
      {
        recordingId: '5f1c2a9e-0000-4000-8000-000000000001',
        meetingId: 'k1',
        status: 'available',
        language: 'en-US',
        hasSummary: true,
        summary:
          'The team agreed to ship the recap on Friday; Bob owns the Discord threads, Chen the docs. Open question: retention for old recordings.',
        createdAt: T0,
        seq: 1,
      },
    ],
    broadcasts: [
      {
        id: 'b1',
        meetingId: 'k1',
        status: 'stopped',
        hlsUrl: 'https://cdn.example/live.m3u8',
        rtmp: [],
        createdAt: T0 + 5 * min,
        startedBy: 'U-Ada',
        seq: 1,
      },
    ],
    audit: [act('mute', 'Ada Lovelace', 12), act('mute', 'Bob Stone', 20), act('kick', 'Ada Lovelace', 31)],
    captions: [
      {
        id: 'cap1',
        meetingId: 'k1',
        status: 'stopped',
        language: 'en-US',
        startedBy: 'U-Ada',
        createdAt: T0 + 1 * min,
        stoppedAt: T0 + 44 * min,
        seq: 1,
      },
    ],
  };
}

describe('recap screenshots (docs/RECAP.md)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('draws the Slack recap from the Block Kit the adapter sends', async () => {
    const { blocks } = slackView(renderRecap(recapState(meeting())));
    const html = threadHtml({ parent: 'Weekly sync (ended)', app: 'Video', time: '14:45', blocks });
    expect(html).toContain('Recap: Weekly sync');
    expect(html).toContain('<b>Attended:</b> 3 people: Ada Lovelace, Bob Stone and Chen Wu');
    expect(html).toContain('<span class="btn">Transcript</span>');
    expect(html).not.toContain('cdn.example');
    const page = await browser.newPage({ viewport: { width: 680, height: 400 }, deviceScaleFactor: 2 });
    await page.setContent(html);
    await page.locator('.thread').screenshot({ path: `${SCREENSHOT_DIR}recap-slack.png` });
    await page.close();
  });

  it('draws the shell recap as the console prints it', async () => {
    const board = new Board();
    const text = shellView(
      renderRecap(recapState(meeting())),
      { color: false },
      '#general — reply posted under card mq3x.2:',
      board.fresh(),
    );
    expect(text).toContain('Moderation: 2 mutes, 1 removal — by Ada Lovelace and Bob Stone');
    expect(text).toContain('Captions: used (en-US) for 43m 00s');
    writeFileSync(`${SCREENSHOT_DIR}recap-shell.txt`, text);
    const page = await browser.newPage({ viewport: { width: 900, height: 300 }, deviceScaleFactor: 2 });
    await page.setContent(consoleHtml(text));
    await page.locator('pre').screenshot({ path: `${SCREENSHOT_DIR}recap-shell.png` });
    await page.close();
  });
});
