// A channel room's captions language is what `/video captions start` uses in its meetings when no
// `--language` is given (an explicit one still wins).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type ShellRig } from '../shell/harness.js';

describe("a room's captions language", () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('is the default of captions start in the room, and --language still wins', async () => {
    await rig.run('as Mo --moderator', '/video room Standup --captions-language de-DE', '/video start');
    expect(await rig.run('/video captions start')).toContain('Mo turned on live captions (de-DE).');
    const m = await rig.meeting();
    expect((await rig.app.store.listCaptionRuns(m.id)).map((r) => r.language)).toEqual(['de-DE']);
    await rig.run('/video captions stop', '/video end', '/video room off', '/video start');
    expect(await rig.run('/video captions start')).toContain('Mo turned on live captions (en-US).');
    await rig.run('/video captions stop', '/video end', '/video room Again --captions-language fr-FR');
    await rig.run('/video start');
    expect(await rig.run('/video captions start --language es-ES')).toContain('(es-ES).');
  });
});
