import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionData } from '../../src/identity.js';
import type { MeetingRecord } from '../../src/store/types.js';
import { VideoClient } from '../../src/video/index.js';
import { planDay, type MeetingPlan, type Step } from './plan.js';
import { startSoakRig, type SoakRig } from './rig.js';
import { disagreements } from './truth-check.js';

// A meeting day: 20 meetings in 20 channels with joins, leaves, screen shares, recordings, live
// streams and phone calls, while 5% of Vonage's callbacks are lost, Slack answers 429 to every card
// call for a while, and the bot is restarted mid-day. Afterwards every card, `/video status`,
// `/video participants` and `/video recordings` must say exactly what the Video API says.
//
// In the normal suite the day is compressed into SOAK_SECONDS (default 12). The full form:
//   SOAK_MINUTES=10 npx vitest run test/soak
// (docs/TRUTH.md). SOAK_SEED replays a given day; SOAK_DROP sets the share of callbacks lost.

const DAY_MS = process.env.SOAK_MINUTES
  ? Number(process.env.SOAK_MINUTES) * 60_000
  : Number(process.env.SOAK_SECONDS ?? 12) * 1000;
const SEED = Number(process.env.SOAK_SEED ?? 11);
// The share of callbacks lost (SOAK_DROP=0.25 is a harsher day).
const DROP = Number(process.env.SOAK_DROP ?? 0.05);
const MEETINGS = 20;
const RECONCILE_MS = 2000;
// The bound on a lie after the last fault: one reconciliation interval, plus a card edit that
// waits out a Retry-After, plus the machine being slow. Convergence is polled, not timed.
const CONVERGE_MS = RECONCILE_MS * 2 + 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'vc-soak-'));
let rig: SoakRig;
let video: VideoClient;
beforeAll(async () => {
  rig = await startSoakRig({ dataDir: dir, dropShare: DROP, seed: SEED, reconcileMs: RECONCILE_MS });
  video = new VideoClient({
    apiKey: rig.emulator.apiKey,
    apiSecret: rig.emulator.apiSecret,
    baseUrl: rig.emulator.url,
  });
});
afterAll(async () => {
  await video?.close();
  await rig?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Plays one meeting's steps at their moments of the day; returns its meeting. */
async function play(plan: MeetingPlan, t0: number): Promise<MeetingRecord | undefined> {
  let meeting: MeetingRecord | undefined;
  const people = new Map<string, string>();
  const run = async (step: Step) => {
    if (step.kind === 'slash') {
      await rig.slash(plan.channel, plan.host, step.text);
      meeting ??= (await rig.app.store.getActiveMeetingInChannel('slack', 'T1', plan.channel)) ?? undefined;
      return;
    }
    if (!meeting || meeting.status === 'ended') return;
    const s = meeting.sessionId;
    if (step.kind === 'join') {
      const token = video.generateToken(s, {
        data: connectionData({ platform: 'slack', userId: `U-${step.person}`, name: step.person }),
      });
      const id = (await rig.emulator.connect(s, token)).connectionId;
      people.set(step.person, id);
      const audio = step.publish === 'audio';
      await rig.emulator.publish(id, {
        name: step.person,
        videoType: step.publish === 'screen' ? 'screen' : 'camera',
        ...(audio ? { hasVideo: false } : {}),
      });
    } else if (step.kind === 'share') {
      const id = people.get(step.person);
      if (id)
        await rig.emulator.publish(id, { name: step.person, videoType: 'screen' }).catch(() => undefined);
    } else if (step.kind === 'leave') {
      const id = people.get(step.person);
      if (id) await rig.emulator.disconnect(id, step.reason).catch(() => undefined);
    } else {
      const call = rig.emulator.snapshot(s).sipCalls.find((c) => c.uri.includes(step.number));
      if (call) await rig.emulator.disconnect(call.connectionId).catch(() => undefined);
    }
  };
  for (const { at, step } of plan.steps) {
    const wait = t0 + at * DAY_MS - Date.now();
    if (wait > 0) await sleep(wait);
    await run(step);
  }
  return meeting;
}

describe('a meeting day with lost callbacks, a Slack 429 burst and a restart', () => {
  it(
    'ends with every card and reply agreeing with the Video API',
    async () => {
      const plans = planDay(MEETINGS, SEED);
      const t0 = Date.now();
      const faults = (async () => {
        await sleep(0.4 * DAY_MS);
        rig.rateLimit(true);
        await sleep(Math.max(1500, 0.05 * DAY_MS));
        rig.rateLimit(false);
        await sleep(Math.max(0, t0 + 0.6 * DAY_MS - Date.now()));
        await rig.restart();
      })();
      const played = await Promise.all(plans.map((p) => play(p, t0)));
      await faults;
      const meetings = new Map<string, MeetingRecord>();
      plans.forEach((p, i) => played[i] && meetings.set(p.channel, played[i]));
      expect(meetings.size).toBe(MEETINGS);

      // Converge: within one reconciliation interval (and the card edits after it) nothing may lie.
      let problems: string[] = [];
      for (const deadline = Date.now() + CONVERGE_MS; Date.now() < deadline; await sleep(1000)) {
        problems = await disagreements(rig, meetings);
        if (problems.length === 0) break;
      }
      // Say what was injected, so a day that tested nothing cannot pass unnoticed.
      console.log(
        `soak: ${DAY_MS / 1000}s day, ${plans.reduce((n, p) => n + p.steps.length, 0)} steps, ${rig.relayed} callbacks, ${rig.dropped} lost, ${rig.refused} Slack calls refused with 429, ${rig.restarts} restart`,
      );
      expect(rig.dropped).toBeGreaterThan(0);
      expect(rig.refused).toBeGreaterThan(0);
      expect(rig.restarts).toBe(1);
      expect(problems).toEqual([]);
    },
    DAY_MS + CONVERGE_MS + 60_000,
  );
});
