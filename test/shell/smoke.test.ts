import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from './harness.js';

describe('shell smoke', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });
  it('starts a meeting and shows the card', async () => {
    const out = await rig.run('/video start "Weekly sync"');
    console.log(out);
    expect(out).toMatch(/Weekly sync/);
    const more = await rig.run('sim join Alice', 'sim publish Alice', '/video participants', 'as Boss --moderator', '/video record start Demo', '/video status');
    console.log(more);
    await new Promise((r) => setTimeout(r, 1500));
    console.log(rig.transcript().slice(-1500));
  });
});
