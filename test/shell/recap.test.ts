import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackPath } from '../../src/events/index.js';
import { startCallbackGate, transcriptReady, type CallbackGate } from '../support/callback-gate.js';
import { startRig, type ShellRig } from './harness.js';

// The whole meeting in the console on the built-in emulator, then its recap printed under the
// card (a reply to it), and printed again as "reply updated" once the transcript and summary arrive.
describe('the meeting recap in the shell', () => {
  let rig: ShellRig;
  let cardLine = '';
  let recapFrom = 0;
  let gate: CallbackGate;
  beforeAll(async () => {
    rig = await startRig();
    // The transcript-ready callback waits until the first recap was seen (no race with the post).
    gate = await startCallbackGate(
      `${rig.app.url}${callbackPath(rig.app.config.callbacks)}`,
      transcriptReady,
    );
    rig.app.emulator!.setCallbackUrl(gate.url);
  });
  afterAll(async () => {
    await rig.stop();
    await gate?.close();
  });

  it('runs a meeting with two people and a phone, captions, a transcribed recording, a mute and a removal', async () => {
    await rig.run('as Hana', '/video start Weekly sync');
    cardLine = /#general — card posted:/.exec(rig.transcript())?.[0] ?? '';
    expect(cardLine).not.toBe('');
    await rig.run('sim join Ada', 'sim publish Ada', 'sim join Bob', 'sim publish Bob');
    expect(await rig.run('/video dial +1 415 555 0100')).toContain('is calling');
    expect(await rig.run('/video captions start --language en-GB')).toContain(
      '✓ Hana turned on live captions (en-GB).',
    );
    await rig.waitFor(/Captions on \(en-GB\)/);
    expect(await rig.run('/video captions stop')).toContain('✓ Hana turned off live captions.');
    expect(await rig.run('/video record start Planning --transcribe --summary')).toContain(
      'A transcript and a summary will follow',
    );
    expect(await rig.run('/video signal chat hello')).toContain('Sent a `chat` signal');
    expect(await rig.run('/video mute Bob')).toContain('✓ Hana muted Bob.');
    expect(await rig.run('/video kick Bob')).toContain('Bob');
    recapFrom = rig.transcript().length;
    expect(await rig.run('/video end')).toContain('✓ Hana ended Weekly sync');
  });

  it('prints the recap under the card with every field', async () => {
    const out = await rig.waitFor(/reply posted under card \S+:[\s\S]*Captions:[^\n]*\n/, recapFrom);
    const recap = out.slice(out.indexOf('reply posted under card'));
    expect(recap).toContain('Recap: Weekly sync');
    expect(recap).toMatch(/Started: \d\d:\d\d UTC/);
    expect(recap).toMatch(/Duration: \d+s/);
    expect(recap).toContain('Attended: 2 people: Ada and Bob · at most 3 at once · 1 phone leg');
    expect(recap).toMatch(/Planning — [^·\n]+ · transcript and summary on the way/);
    expect(recap).toContain('Live streams: none');
    expect(recap).toContain('Moderation: 1 mute, 1 removal — by Hana');
    expect(recap).toMatch(/Captions: used \(en-GB\) for \d+s/);
  });

  it('prints the recap again, updated, once the transcript and summary are ready', async () => {
    for (let i = 0; i < 400 && gate.held() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(gate.held()).toBeGreaterThan(0);
    await gate.release();
    const out = await rig.waitFor(/reply updated:[\s\S]*Summary: Emulated summary/, recapFrom);
    const updated = out.slice(out.lastIndexOf('reply updated:'));
    expect(updated).toMatch(/Planning — \d+s, [\d.]+ (B|KB|MB) · transcript ready \(en-US\)/);
    expect(updated).toContain('Transcript');
    // The emulator's summary is made from what it knows: who was recorded and the signals sent.
    expect(updated).toMatch(
      /Summary: Emulated summary: Ada, Bob, SIP call recorded over \d+ s; 1 signal sent\./,
    );
    expect(updated).not.toMatch(/_emulator\/(media|transcripts)/);
  });
});
