// The idle sweep: a room meeting with nobody in it and no idle end (its "last person left" callback
// was lost, or nobody came after /video start) gets one; a room with someone in it does not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { sweepIdleRooms } from '../../src/rooms/idle-sweep.js';
import { startRig, type ShellRig } from '../shell/harness.js';

const MIN = 60_000;

describe('the room idle sweep', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('sets the idle end of an empty room meeting, and leaves an occupied one alone', async () => {
    await rig.run('as Mo --moderator', '/video room Team room', '/video start');
    const room = (await rig.app.store.getRoomInChannel('shell', 'local', 'general'))!;
    const deps = { store: rig.app.store, log: silentLogger, idleEndMs: 5 * MIN };
    await rig.run('sim join Ada');
    expect(await sweepIdleRooms(deps, 1_000)).toBe(0);
    expect((await rig.app.store.getRoom(room.id))?.idleEndAt).toBeNull();
    // Ada's connection goes away without its callback (as reconciliation finds it gone).
    const m = await rig.meeting();
    const [ada] = await rig.app.store.listConnections(m.id);
    await rig.app.store.upsertConnection({
      ...ada!,
      leftAt: ada!.joinedAt + 1,
      seq: Number.MAX_SAFE_INTEGER,
    });
    expect(await sweepIdleRooms(deps, 1_000)).toBe(1);
    expect((await rig.app.store.getRoom(room.id))?.idleEndAt).toBe(1_000 + 5 * MIN);
    // Already set: the next sweep leaves it.
    expect(await sweepIdleRooms(deps, 2_000)).toBe(0);
  });
});
