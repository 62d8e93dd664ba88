// The console demo of a room: `sim join` in a channel whose room is empty connects to the room's
// session, and the card appears from the callback though nobody ran `/video start`.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from '../shell/harness.js';

describe('sim join in a room', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('opens the room meeting with its card; sim leave makes the room idle', async () => {
    await rig.run('as Mo --moderator', '/video room Team room');
    const mark = rig.transcript().length;
    const joined = await rig.run('sim join Ada');
    expect(joined).toMatch(/Ada joined \(connection [^)]+\)\.\n/);
    await rig.waitFor(/card posted:\n│ Team room\n/, mark);
    const room = (await rig.app.store.getRoomInChannel('shell', 'local', 'general'))!;
    expect((await rig.meeting()).sessionId).toBe(room.sessionId);
    expect(await rig.run('sim publish Ada')).toContain('Ada is publishing a camera');
    await rig.run('sim leave Ada');
    for (let i = 0; i < 200 && !(await rig.app.store.getRoom(room.id))?.idleEndAt; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect((await rig.app.store.getRoom(room.id))?.idleEndAt).toBeGreaterThan(Date.now());
  });
});
