// A room's join address (/join/room/<id>) on the real app: the same page whatever meeting runs in the
// room, it sends people to the channel (it never hands out a token by itself), and the personal link
// `/video join` gives there is still signed and single-use, for the room's session.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from '../shell/harness.js';

describe('the room page', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  const page = async (id: string) => {
    const res = await fetch(`${rig.app.url}/join/room/${id}`);
    return { status: res.status, html: await res.text() };
  };

  it('stays the same across meetings and sends people to /video join in the channel', async () => {
    await rig.run('as Mo --moderator', '/video room Standup room');
    const room = (await rig.app.store.getRoomInChannel('shell', 'local', 'general'))!;
    const empty = await page(room.id);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('<h1>Standup room</h1>');
    expect(empty.html).toContain('Nobody is in the room right now');
    expect(empty.html).toContain('<code>/video join</code>');
    expect(empty.html).toContain('<strong>#general</strong>');
    // The page itself never carries a join ticket or a Video token.
    expect(empty.html).not.toMatch(/\/join\/[\w-]+\.[\w-]+/);
    expect(empty.html).not.toContain('token');

    await rig.run('/video start Monday standup');
    const running = await page(room.id);
    expect(running.html).toContain('<strong>Monday standup</strong> is on now.');
    await rig.run('/video end');
    await rig.run('/video start Tuesday standup');
    expect((await page(room.id)).html).toContain('<strong>Tuesday standup</strong> is on now.');
  });

  it('behind it, /video join hands out a personal link for the room session that works once', async () => {
    const room = (await rig.app.store.getRoomInChannel('shell', 'local', 'general'))!;
    const out = await rig.run('as Ann', '/video join');
    const ticket = /\/join\/([\w-]+\.[\w-]+)/.exec(out)![1]!;
    const exchange = () =>
      fetch(`${rig.app.url}/join/${ticket}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    const first = await exchange();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { sessionId: string; name: string };
    expect(body).toMatchObject({ sessionId: room.sessionId, name: 'Ann' });
    const again = await exchange();
    expect(again.status).toBe(410);
    expect(((await again.json()) as { error: string }).error).toBe('used');
  });

  it('answers 404 for a room that is gone or an address that is not one', async () => {
    const room = (await rig.app.store.getRoomInChannel('shell', 'local', 'general'))!;
    await rig.run('as Mo --moderator', '/video room off');
    const gone = await page(room.id);
    expect(gone.status).toBe(404);
    expect(gone.html).toContain('This room no longer exists');
    expect((await page('..%2F..%2Fetc')).status).toBe(404);
  });
});
