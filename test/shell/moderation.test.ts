import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionData } from '../../src/identity.js';
import { startRig, type ShellRig } from './harness.js';

describe('moderation, phone and media legs through the shell', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run(
      'as Hana',
      '/video start Ops review',
      'sim join Alice',
      'sim publish Alice',
      'sim join Bob',
      'sim publish Bob',
      'sim join Carol',
      'sim publish Carol',
    );
  });
  afterAll(async () => {
    await rig.stop();
  });
  const session = async () => rig.app.emulator!.snapshot((await rig.meeting()).sessionId);
  const streamOf = async (name: string) => (await session()).streams.find((s) => s.name === name)!;

  it('mute all --except leaves the named people unmuted, and the card and store know', async () => {
    const out = await rig.run('/video mute all --except Bob --except <@carol>');
    expect(out).toContain('✓ Hana muted everyone except Bob, Carol.');
    const snap = await session();
    expect(snap.muteAll.active).toBe(true);
    expect(snap.muteAll.excludedStreamIds.sort()).toEqual(
      [(await streamOf('Bob')).id, (await streamOf('Carol')).id].sort(),
    );
    const m = await rig.meeting();
    expect(m.muteAll).toBe(true);
    const muted = (await rig.app.store.listStreams(m.id)).filter((s) => s.muted).map((s) => s.name);
    expect(muted).toEqual(['Alice']);
  });

  it('mute off stops forcing; mute <who> mutes one person', async () => {
    expect(await rig.run('/video mute off')).toContain('✓ Hana turned mute-all off');
    expect((await session()).muteAll.active).toBe(false);
    expect((await rig.meeting()).muteAll).toBe(false);
    expect(await rig.run('/video mute bob')).toContain('✓ Hana muted Bob.');
    expect((await streamOf('Bob')).audioMuted).toBe(true);
  });

  it('mute refuses what it cannot do', async () => {
    const out = await rig.run('/video mute', '/video mute Bob --except Carol', '/video mute nobody-here');
    expect(out).toContain('✗ `<target>` is required.');
    expect(out).toContain('✗ `--except` goes with `mute all`.');
    expect(out).toContain('✗ Nobody matching `nobody-here` is in the meeting');
  });

  it('signal reaches everyone or one person; text with spaces must be quoted', async () => {
    expect(await rig.run('/video signal poll "Lunch at 12?"')).toContain(
      '✓ Sent a `poll` signal to everyone.',
    );
    expect(await rig.run('/video signal chat "hi Alice" Alice')).toContain(
      '✓ Sent a `chat` signal to Alice.',
    );
    const m = await rig.meeting();
    const signals = rig.app.emulator!.signals(m.sessionId);
    expect(signals.map((s) => [s.type, s.data, s.connectionId === null])).toEqual([
      ['poll', 'Lunch at 12?', true],
      ['chat', 'hi Alice', false],
    ]);
    const bad = await rig.run(
      '/video signal "bad type!" x',
      '/video signal chat',
      `/video signal chat ${'x'.repeat(3990)}`,
    );
    expect(bad).toContain('✗ `<type>` may hold letters, digits, `-` and `_` (at most 128).');
    expect(bad).toContain('✗ `<text>` is required: quote text that has spaces.');
    expect(bad).toContain('✗ That command is too long');
  });

  it('dial calls a phone number through the SIP gateway with a token marking a phone leg', async () => {
    const out = await rig.run('/video dial +1 (415) 555-0100 --from +14155550199');
    expect(out).toContain('✓ Hana is calling `+14155550100` into the meeting.');
    const [call] = (await session()).sipCalls;
    expect(JSON.stringify(call)).toContain('sip:+14155550100@sip.nexmo.com;transport=tls');
    const m = await rig.meeting();
    const [leg] = await rig.app.store.listSipLegs(m.id);
    expect(leg).toMatchObject({ uri: '+14155550100', endedAt: null });
    const conn = (await session()).connections.find((c) => c.id === leg!.connectionId)!;
    expect(parseConnectionData(conn.data)).toMatchObject({
      kind: 'sip',
      userId: 'hana',
      name: '+14155550100',
    });
  });

  it('dial keeps SIP credentials out of replies and the store; refuses what is not dialable', async () => {
    const out = await rig.run('/video dial sip:agent:hunter2@pbx.example.com --video');
    expect(out).toContain('✓ Hana is calling `sip:agent@pbx.example.com` into the meeting.');
    expect(JSON.stringify(await rig.app.store.listSipLegs((await rig.meeting()).id))).not.toContain(
      'hunter2',
    );
    const before = rig.callCount();
    const bad = await rig.run(
      '/video dial 5550100',
      '/video dial mailto:x@example.com',
      '/video dial',
      '/video dial +14155550100 --from "a b"',
    );
    expect(bad).toContain('✗ Phone numbers need the country code, like `+14155550100`.');
    expect(bad).toContain(
      '✗ Dial a SIP URI like `sip:alice@example.com` or a phone number like `+14155550100`.',
    );
    expect(bad).toContain('✗ `<uri>` is required');
    expect(bad).toContain('✗ `--from` must be a phone number or SIP address without spaces.');
    expect(rig.callCount()).toBe(before);
  });

  it('dtmf goes to everyone or to one phone leg; bad digits are refused', async () => {
    const m = await rig.meeting();
    const [leg] = await rig.app.store.listSipLegs(m.id);
    expect(await rig.run('/video dtmf 1234#')).toContain('✓ Sent `1234#` to everyone in the meeting.');
    expect(await rig.run(`/video dtmf 9p* ${leg!.connectionId}`)).toContain('✓ Sent `9p*` to +14155550100.');
    expect(rig.app.emulator!.dtmf(m.sessionId).map((d) => [d.digits, d.connectionId])).toEqual([
      ['1234#', null],
      ['9p*', leg!.connectionId],
    ]);
    expect(await rig.run('/video dtmf 12a')).toContain(
      '✗ `<digits>` may only hold 0-9, `*`, `#` and `p` (a pause), at most 64 of them.',
    );
  });

  it('compose start renders an https page into the meeting; compose stop stops it', async () => {
    expect(await rig.run('/video compose start http://example.com/page')).toContain(
      '✗ `<url>` must be a web page URL starting with `https://`.',
    );
    const out = await rig.run('/video compose start https://example.com/board?token=abc123');
    expect(out).toContain('✓ Hana is publishing https://example.com/board?[redacted] into the meeting.');
    expect(await rig.run('/video compose start https://example.com/other')).toContain(
      '✗ A composer is already running',
    );
    const [render] = (await session()).renders;
    expect(render).toMatchObject({ url: 'https://example.com/board?token=abc123' });
    expect(await rig.run('/video compose stop')).toContain('✓ Hana stopped the composer.');
    expect(await rig.run('/video compose stop')).toContain('✗ No composer is running.');
  });

  it('audio-stream start connects a wss endpoint (optionally for chosen streams); stop ends it', async () => {
    const alice = await streamOf('Alice');
    expect(await rig.run('/video audio-stream start ws://example.com/ws')).toContain(
      '✗ `<uri>` must be a WebSocket URL starting with `wss://`.',
    );
    expect(await rig.run('/video audio-stream start wss://example.com/ws --stream nope')).toContain(
      '✗ There is no live stream `nope` in this meeting',
    );
    const out = await rig.run(`/video audio-stream start wss://example.com/ws --stream ${alice.id}`);
    expect(out).toContain("✓ Hana started streaming the meeting's audio to wss://example.com/ws.");
    const [conn] = (await session()).audioConnections;
    expect(JSON.stringify(conn)).toContain(alice.id);
    expect(await rig.run('/video audio-stream stop')).toContain('✓ Hana stopped the audio stream.');
    expect(await rig.run('/video audio-stream stop')).toContain('✗ No audio stream is running.');
  });

  it('kick disconnects the person and the card drops them', async () => {
    expect(await rig.run('/video kick carol')).toContain('✓ Hana removed Carol from the meeting.');
    expect((await session()).connections.some((c) => c.name === 'Carol')).toBe(false);
    const m = await rig.meeting();
    for (let i = 0; i < 400 && JSON.stringify(await rig.app.cards.view(m.id)).includes('Carol'); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(JSON.stringify(await rig.app.cards.view(m.id))).not.toContain('Carol');
    expect(await rig.run('/video kick carol')).toContain('✗ Nobody matching `carol` is in the meeting');
  });

  it('end hangs up phone legs and disconnects everyone left', async () => {
    const m = await rig.meeting();
    const out = await rig.run('/video end');
    expect(out).toMatch(/✓ Hana ended Ops review after \d+s: disconnected \d+ people\./);
    expect(rig.app.emulator!.snapshot(m.sessionId).connections).toEqual([]);
    const legs = await rig.app.store.listSipLegs(m.id);
    expect(legs.every((l) => l.endedAt !== null)).toBe(true);
  });
});
