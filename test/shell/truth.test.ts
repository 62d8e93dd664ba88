import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackPath } from '../../src/events/index.js';
import { startRig, type ShellRig } from './harness.js';

// Replies that used to say untrue things: the whole bot on the emulator, driven through the shell.

describe('replies that tell the truth', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run('as Hana', '/video start Truthful', 'sim join Bob', 'sim publish Bob');
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('lists a running recording with how long it has run, not "0s, 0 B"', async () => {
    await rig.run('/video record start --name Running');
    await new Promise((r) => setTimeout(r, 1100));
    const out = await rig.run('/video recordings');
    expect(out).toMatch(/• Running — recording, [1-9]\d*s so far · `/);
    expect(out).not.toContain('0 B');
    await rig.run('/video record stop');
  });

  it('says when someone is already muted', async () => {
    expect(await rig.run('/video mute Bob')).toContain('✓ Hana muted Bob.');
    const again = await rig.run('/video mute Bob');
    expect(again).toContain('Bob was already muted');
    expect(again).not.toContain('Hana muted Bob');
  });

  it('numbers a number dialled three times, and kick and dtmf say which leg they acted on', async () => {
    for (let i = 0; i < 3; i++) await rig.run('/video dial +15551234567');
    await rig.waitFor(/#3/, 0);
    const list = await rig.run('/video participants');
    for (const n of [1, 2, 3]) expect(list).toContain(`+15551234567 #${n} (phone)`);
    expect(await rig.run('/video kick +15551234567')).toMatch(
      /matches 3 people: \+15551234567 #1 \(`[^`]+`\), \+15551234567 #2/,
    );
    expect(await rig.run('/video dtmf 12# "+15551234567 #3"')).toContain('Sent `12#` to +15551234567 #3.');
    expect(await rig.run('/video kick "+15551234567 #2"')).toContain(
      'Hana removed +15551234567 #2 from the meeting.',
    );
    const m = await rig.meeting();
    const legs = rig.app.emulator!.snapshot(m.sessionId).sipCalls;
    expect(legs).toHaveLength(3);
  });

  it('says how long an ended meeting lasted in the same words as its card\'s "Lasted"', async () => {
    await rig.run('/video end', '/video start Timed', 'sim join Cy');
    // Cross a second boundary so two different clocks would disagree by a second.
    await new Promise((r) => setTimeout(r, 1300));
    const from = rig.transcript().length;
    const said = /ended \*?\*?Timed\*?\*? after (\S+?)[:.]/.exec(await rig.run('/video end'))?.[1];
    const card = await rig.waitFor(/card updated:\n│ Timed \(ended\)[^]*?Lasted: \**(\S+?)\**\n/, from);
    const lasted = /Lasted: \**(\S+?)\**\n/.exec(card)?.[1];
    expect(said).toMatch(/^\d+s$/);
    expect(lasted).toBe(said);
  });

  it('ends everything the Video API has running, also what the store never heard of', async () => {
    await rig.run('/video end', '/video start Unheard', 'sim join Dot', 'sim publish Dot');
    const m = await rig.meeting();
    const emulator = rig.app.emulator!;
    const callbacks = `${rig.app.url}${callbackPath(rig.app.config.callbacks)}`;
    // Their callbacks lost: someone joins and a recording starts without the store knowing.
    emulator.setCallbackUrl(undefined);
    try {
      const token = rig.app.video.generateToken(m.sessionId, {});
      const stranger = (await emulator.connect(m.sessionId, token)).connectionId;
      await emulator.publish(stranger, { videoType: 'camera' });
      await rig.app.video.startArchive(m.sessionId, { name: 'Unseen' });
      expect(await rig.run('/video end')).toMatch(/disconnected 2 people and stopped the recording\./);
      const after = emulator.snapshot(m.sessionId);
      expect(after.connections).toEqual([]);
      expect(after.archives.map((a) => a.status)).not.toContain('started');
    } finally {
      emulator.setCallbackUrl(callbacks);
    }
  });

  it('refuses a layout in a relayed meeting instead of promising it for the next recording', async () => {
    await rig.run('/video end');
    await rig.run('/video start Peer --relayed');
    const out = await rig.run('/video layout pip');
    expect(out).toContain('This meeting is relayed (peer-to-peer)');
    expect(out).not.toContain('next recording');
  });
});
