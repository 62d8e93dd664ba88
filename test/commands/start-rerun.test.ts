import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../commands/front-door.js';
import { newMeetingKey } from '../../commands/start.js';
import type { CardPublisher, MessageRef, Place, View } from '../../src/chat.js';
import { startRig, type ShellRig } from '../shell/harness.js';
import { ask, recordingPort, testDoor } from '../support/context.js';
import { settle } from '../support/eventually.js';

const host = { platform: 'slack' as const, id: 'U1', name: 'Hana' };
const text = (v: View | string) =>
  typeof v === 'string' ? v : v.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

/** A Slack publisher at the boundary: it records every message it posts. */
function recordingPublisher(): CardPublisher & { posted: MessageRef[] } {
  const posted: MessageRef[] = [];
  return {
    platform: 'slack',
    posted,
    async post(place: Place) {
      const ref = { ...place, messageId: `m${posted.length + 1}` };
      posted.push(ref);
      return ref;
    },
    async update() {},
  };
}

describe('a start interrupted between creating the meeting and storing its card', () => {
  let rig: ShellRig;
  let slack: ReturnType<typeof recordingPublisher>;
  beforeAll(async () => {
    rig = await startRig();
    slack = recordingPublisher();
    rig.app.cards.registerPublisher(slack);
    rig.door.serve(recordingPort('slack'));
  });
  afterAll(async () => {
    await rig.stop();
  });

  const startReq = (place: Place, key: string): ChatRequest => ({
    actor: host,
    place,
    ask: { kind: 'text', text: 'start Killed' },
    source: 'slash',
    delivery: key,
  });

  /**
   * What the dead runner of `key` did: accepted the request (its pending row), entered the core,
   * held the channel lease and made the meeting, then died before posting and storing the card.
   */
  async function interruptedStart(place: Place, key: string) {
    const { store, ctx } = rig.app;
    const dead = testDoor(ctx, { holder: 'dead-replica' });
    dead.serve(recordingPort('slack'));
    expect((await dead.accept(startReq(place, key))).kind).toBe('accepted');
    await dead.leave('slack');
    expect(
      await store.acquireLease(
        `start:slack:${place.teamId}:${place.channelId}`,
        `slack:${key}`,
        30_000,
        Date.now(),
      ),
    ).toBe(true);
    const session = await ctx.video.createSession({ mediaMode: 'routed', archiveMode: 'manual' });
    const meeting = await store.createMeeting({
      id: newMeetingKey(),
      sessionId: session.sessionId,
      platform: 'slack',
      teamId: place.teamId,
      channelId: place.channelId,
      title: 'Killed',
      hostId: host.id,
      hostName: host.name,
      status: 'active',
      options: { relayed: false, autoRecord: false, e2ee: false },
      muteAll: false,
      layout: null,
      createdAt: Date.now(),
      endedAt: null,
    });
    return meeting;
  }

  /** A live replica takes the dead one's request `key` over and re-runs it; resolves to the reply it delivered. */
  async function takeOver(key: string): Promise<View> {
    const alive = testDoor(rig.app.ctx, { holder: 'alive', staleMs: 1, recoverMs: 20, minAgeMs: 0 });
    const port = recordingPort('slack');
    alive.serve(port);
    // With staleMs 1, a request the rig itself finished but has not marked done yet (its done marks
    // are batched) is taken over too, and its stored reply delivered again: only `key`'s count here.
    const replies = () => port.replies.filter((r) => r.req.delivery === key);
    await settle(() => replies().length > 0);
    await alive.leave('slack');
    expect(replies()).toHaveLength(1);
    return replies()[0]!.view;
  }

  const start = (place: Place, key: string) => ask(rig.door, startReq(place, key));

  it('the re-run takes its own lease, posts exactly one card and stores it; later starts post none', async () => {
    const place: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-no-card' };
    const meeting = await interruptedStart(place, 'killed-1');
    const before = slack.posted.length;
    const rerun = await takeOver('killed-1');
    expect(text(rerun)).toContain(
      '**Killed** is already running in this channel (started by Hana); here is your link to it. Its card was posted.',
    );
    expect(slack.posted.length - before).toBe(1);
    expect((await rig.app.store.listCards(meeting.id)).map((c) => c.messageId)).toEqual([
      slack.posted.at(-1)!.messageId,
    ]);
    expect(await start(place, 'killed-1')).toBe('repeat');
    const other = text(await start(place, 'someone-else'));
    expect(other).toContain('is already running in this channel');
    expect(other).not.toContain('Its card');
    expect(slack.posted.length - before).toBe(1);
    expect(
      await rig.app.store.getActiveMeetingInChannel('slack', place.teamId, place.channelId),
    ).toMatchObject({ id: meeting.id });
  });

  it('a card posted but never stored stays a stray message; the re-run stores one card', async () => {
    const place: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-stray' };
    const meeting = await interruptedStart(place, 'killed-2');
    const stray = await slack.post(place, { blocks: [], visibility: 'channel' });
    const before = slack.posted.length;
    expect(text(await takeOver('killed-2'))).toContain('Its card was posted.');
    expect(slack.posted.length - before).toBe(1);
    const cards = await rig.app.store.listCards(meeting.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.messageId).not.toBe(stray.messageId);
  });

  it('a second post for a meeting that has a stored card leaves that card the only one stored', async () => {
    const place: Place = { platform: 'slack', teamId: 'T1', channelId: 'C-twice' };
    await start(place, 'fresh-1');
    const m = (await rig.app.store.getActiveMeetingInChannel('slack', place.teamId, place.channelId))!;
    const first = await rig.app.store.listCards(m.id);
    expect(first).toHaveLength(1);
    await rig.app.cards.post(m.id);
    expect(await rig.app.store.listCards(m.id)).toEqual(first);
  });
});
