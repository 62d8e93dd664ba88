import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountJoinRoutes } from '../../../src/join/routes.js';
import { silentLogger } from '../../../src/log.js';
import { ADMIN, startSlackHarness, type SlackHarness } from './harness.js';

// A channel room on Slack: made by a workspace admin (refused to others), its stable link kept as a
// channel bookmark (bookmarks.add, refreshed with bookmarks.edit, added again when someone removed
// it, bookmarks.remove on room off), and its join page sending people back to the channel.
describe('Slack adapter: channel rooms and their bookmark', () => {
  let h: SlackHarness;
  let bookmarks = 0;
  beforeAll(async () => {
    h = await startSlackHarness();
    h.api.on('bookmarks.add', () => ({ json: { ok: true, bookmark: { id: `Bk${++bookmarks}` } } }));
    // The room's page is served by the join routes, which this harness does not mount by itself.
    mountJoinRoutes(h.server, {
      store: h.store,
      video: h.video,
      ticketSecret: 't'.repeat(40),
      now: Date.now,
      log: silentLogger,
      publicUrl: h.url,
    });
  });
  afterAll(async () => h?.close());

  const reply = async (text: string, user: string) => {
    const res = await h.slash(text, user);
    expect(res.status).toBe(200);
    return JSON.stringify((await h.replyTo(res.reply)).blocks);
  };
  const room = async () => {
    const r = await h.store.getRoomInChannel('slack', 'T1', 'C1');
    if (!r) throw new Error('no room');
    return r;
  };

  it('refuses a member who is not a moderator, and calls nothing', async () => {
    expect(await reply('room Standup --layout pip', 'U2')).toContain(
      "Only a moderator can make this channel's room.",
    );
    expect(await h.store.getRoomInChannel('slack', 'T1', 'C1')).toBeNull();
    expect(h.api.callsTo('bookmarks.add')).toHaveLength(0);
  });

  it('makes the room for an admin and bookmarks its link in the channel', async () => {
    const text = await reply('room Standup --layout pip --auto-record', ADMIN);
    const r = await room();
    const link = `${h.url}/join/room/${r.id}`;
    expect(text).toContain(link);
    const [add] = await h.api.waitFor('bookmarks.add');
    expect(add!.auth).toBe('Bearer xoxb-test-token');
    expect(add!.body).toMatchObject({ channel_id: 'C1', title: 'Standup', type: 'link', link });
    await h.settle();
    expect((await room()).linkRef).toBe('Bk1');
    expect(r).toMatchObject({ layout: 'pip', autoRecord: true, createdBy: ADMIN });
  });

  it("a moderator's /video room refreshes the bookmark in place, and adds it again if it was removed", async () => {
    await reply('room', ADMIN);
    const [edit] = await h.api.waitFor('bookmarks.edit');
    expect(edit!.body).toMatchObject({ channel_id: 'C1', bookmark_id: 'Bk1', title: 'Standup' });
    await h.settle();
    expect((await room()).linkRef).toBe('Bk1');
    // Someone removed the bookmark by hand: the edit says not_found, so it is added again.
    h.api.on('bookmarks.edit', () => ({ json: { ok: false, error: 'not_found' } }));
    await reply('room', ADMIN);
    await h.api.waitFor('bookmarks.add', 2);
    await h.settle();
    expect((await room()).linkRef).toBe('Bk2');
    // A member asking only sees the room.
    const edits = h.api.callsTo('bookmarks.edit').length;
    expect(await reply('room', 'U2')).toContain("This channel's room is *Standup*.");
    await h.settle();
    expect(h.api.callsTo('bookmarks.edit')).toHaveLength(edits);
  });

  it("the room's page sends people to the channel to run /video join", async () => {
    const r = await room();
    const res = await fetch(`${h.url}/join/room/${r.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('https://slack.com/app_redirect?team=T1&amp;channel=C1');
    expect(html).toContain('<code>/video join</code>');
    expect(html).not.toMatch(/\/join\/[\w-]+\.[\w-]+/);
    expect((await fetch(`${h.url}/join/room/nonexistent`)).status).toBe(404);
  });

  it('start uses the room session; room off removes the bookmark', async () => {
    await reply('start', 'U2');
    expect((await h.meeting()).sessionId).toBe((await room()).sessionId);
    const r = await room();
    expect(await reply('room off', 'U2')).toContain(
      "Only the meeting's host or a moderator can use `room off`.",
    );
    await reply('room off', ADMIN);
    const [remove] = await h.api.waitFor('bookmarks.remove');
    expect(remove!.body).toMatchObject({ channel_id: 'C1', bookmark_id: r.linkRef });
    expect(await h.store.getRoom(r.id)).toBeNull();
  });
});
