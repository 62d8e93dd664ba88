import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMS, slash, startDiscordHarness, type DiscordHarness, type Who } from './harness.js';

// A channel room on Discord: made by a member who may moderate (refused to others), its stable link
// posted and pinned (PUT /channels/{id}/pins/{message_id}), edited in place when a moderator asks
// again, re-posted when the message is gone, and unpinned on room off. `room` is `room list` on
// Discord, which cannot have a subcommand and a group of the same name.

const MOD: Who = { id: 'u-mod', perms: PERMS.mute };
const GUEST: Who = { id: 'u-guest' };

describe('Discord adapter: channel rooms and their pinned link', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => h?.close());

  const run = async (who: Who, data: Record<string, unknown>) => {
    const i = h.interaction(2, who, data);
    await h.send(i);
    return JSON.stringify((await h.result(i.token)).body);
  };
  const room = async () => {
    const r = await h.store.getRoomInChannel('discord', 'g1', 'c1');
    if (!r) throw new Error('no room');
    return r;
  };
  const pins = () => h.discord.matching(/^(PUT|DELETE) \/channels\/c1\/pins\//);

  it('refuses a member without moderation rights, and pins nothing', async () => {
    expect(await run(GUEST, slash('room list', { title: 'Standup' }))).toContain(
      "Only a moderator can make this channel's room.",
    );
    expect(await h.store.getRoomInChannel('discord', 'g1', 'c1')).toBeNull();
    expect(pins()).toHaveLength(0);
  });

  it('makes the room for a moderator, posts its link and pins that message', async () => {
    const reply = await run(MOD, slash('room list', { title: 'Standup', layout: 'pip', e2ee: true }));
    const r = await room();
    const link = `${h.url}/join/room/${r.id}`;
    expect(reply).toContain(link);
    expect(r).toMatchObject({ layout: 'pip', e2ee: true, createdBy: 'u-mod' });
    const pin = await h.discord.waitFor((q) => q.method === 'PUT' && q.path.startsWith('/channels/c1/pins/'));
    const messageId = pin.path.split('/').pop()!;
    const post = h.discord
      .matching(/^POST \/channels\/c1\/messages$/)
      .find((q) => JSON.stringify(q.body).includes(link));
    expect(post).toBeDefined();
    expect(post!.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(pin.auth).toBe('Bot bot-token');
    await h.settle();
    expect((await room()).linkRef).toBe(messageId);
  });

  it("a moderator's /video room edits the pinned message in place; a deleted one is posted and pinned again", async () => {
    const r = await room();
    await run(MOD, slash('room list'));
    const edit = await h.discord.waitFor(
      (q) => q.method === 'PATCH' && q.path === `/channels/c1/messages/${r.linkRef}`,
    );
    expect(JSON.stringify(edit.body)).toContain(`/join/room/${r.id}`);
    expect(pins()).toHaveLength(1);
    // The pinned message was deleted by hand: Discord answers 404, so a new one is posted and pinned.
    h.discord.failNext(new RegExp(`^PATCH /channels/c1/messages/${r.linkRef}$`), 1, 404);
    await run(MOD, slash('room list'));
    await h.settle();
    const again = await room();
    expect(again.linkRef).not.toBe(r.linkRef);
    expect(pins().map((q) => `${q.method} ${q.path}`)).toContain(`PUT /channels/c1/pins/${again.linkRef}`);
  });

  it('room off unpins the link and removes the room', async () => {
    const r = await room();
    expect(await run(GUEST, slash('room off'))).toContain(
      "Only the meeting's host or a moderator can use `room off`.",
    );
    await run(MOD, slash('room off'));
    await h.discord.waitFor((q) => q.method === 'DELETE' && q.path === `/channels/c1/pins/${r.linkRef}`);
    expect(await h.store.getRoom(r.id)).toBeNull();
  });
});
