import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShell } from '../../adapters/shell/index.js';
import { silentLogger } from '../../src/log.js';
import { startRig, type ShellRig } from './harness.js';

describe('the console adapter itself', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('explains itself and rejects what it does not know', async () => {
    const out = await rig.run(
      'help',
      'teleport now',
      'press 1',
      'sim join Alice',
      'as',
      'sim dance Alice',
      '# a comment',
      '',
    );
    expect(out).toContain('press <m.n> [choice]');
    expect(out).toContain(
      "Unknown console command `teleport`. Type `help` for the console's commands (bot commands start with `/video`).",
    );
    expect(out).toContain('There is nothing to press yet.');
    expect(out).toContain('There is no meeting in this channel; start one with `/video start`.');
    expect(out).toContain('Usage: `as <name> [--moderator]`');
    expect(out).toContain('Use `sim join|publish|unpublish|leave <name>`.');
  });

  it('accepts bare `video` as well as `/video`; help explains one subcommand or suggests one', async () => {
    expect(await rig.run('video help start')).toContain('/video start [title]');
    const out = await rig.run('/video help recrod start', '/video help live', '/video');
    expect(out).toContain('✗ There is no subcommand `recrod start`. Did you mean `record start`?');
    expect(out).toMatch(
      /\/video live\n {2}Stream the meeting live[\s\S]*`--rtmp URL KEY` RTMP server URL and stream key[\s\S]*\(repeatable\)[\s\S]*Stop the live stream/,
    );
    expect(out).toContain('Video meetings: /video <subcommand>');
  });

  it('the card is live: publishing, screen sharing and leaving show up through callbacks', async () => {
    const from = rig.transcript().length;
    await rig.run(
      'as Hana',
      '/video start Live card',
      'sim join Alice',
      'sim publish Alice',
      'sim join Bob',
      'sim publish Bob --screen',
    );
    // Joining and publishing arrive as one change or two, as the card's edits happen to be grouped.
    await rig.waitFor(/#general · Live card: Alice (joined \(camera\)|now: camera)\n/, from);
    await rig.waitFor(/#general · Live card: Bob (joined \(screen\)|now: screen)\n/, from);
    const mark = rig.transcript().length;
    await rig.run('sim unpublish Bob', 'sim leave Alice');
    await rig.waitFor(/#general · Live card: Bob stopped publishing\n/, mark);
    await rig.waitFor(/#general · Live card: Alice left\n/, mark);
    // The card itself was printed once; its edits came only as those lines.
    expect(
      rig
        .transcript()
        .slice(from)
        .match(/card (posted|updated):\n│ Live card/g),
    ).toHaveLength(1);
    expect(await rig.run('/video status')).toMatch(/Participants: 1\n {2}• Bob\n/);
  });

  it('press opens a modal and asks for each field; a secret field is never printed back', async () => {
    const card = await rig.run('/video status');
    const golive = /\[(\d+\.\d+)\] Go live…/.exec(card)![1]!;
    const out = await rig.run(`press ${golive}`, 'rtmp://live.example/app', 'TOPSECRETKEY', 'n', '');
    expect(out).toContain('Go live — RTMP server URL (optional, Enter to skip): ');
    expect(out).toContain('Go live — Stream key (optional, Enter to skip): ');
    expect(out).toContain('✓ Hana took the meeting live: rtmp://live.example/app.');
    expect(rig.transcript()).not.toContain('TOPSECRETKEY');
  });

  it('press on a select takes a choice; a confirm can be declined or accepted', async () => {
    await rig.run('sim join Cara', 'sim publish Cara');
    const card = await rig.run('/video status');
    const remove = /\[(\d+\.\d+)\] Remove a participant…([^\n]*)/.exec(card)!;
    const choice = /(\d+)\) Cara/.exec(remove[2]!)![1]!;
    const declined = await rig.run(`press ${remove[1]} ${choice}`, 'n');
    expect(declined).toContain('Remove participant "Cara"? They are disconnected from the meeting.');
    expect(declined).toContain('Cancelled.');
    expect(await rig.run(`press ${remove[1]} 99`)).toContain('No such choice `99`');
    expect(await rig.run(`press ${remove[1]} Cara`, 'y')).toContain('✓ Hana removed Cara from the meeting.');
    const again = await rig.run('/video status');
    const end = /\[(\d+\.\d+)\] End meeting/.exec(again)![1]!;
    expect(await rig.run(`press ${end}`, 'no')).toContain('Cancelled.');
    expect(await rig.run('press 42')).toMatch(
      /Press a control by its number in brackets, like `press \d+\.1`/,
    );
    expect(await rig.run('press 999.1')).toMatch(
      /There is no message 999 with controls; the newest is \d+\./,
    );
  });

  it('reads piped stdin line by line and stops at quit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const shell = createShell({
      input,
      output,
      door: rig.door,
      log: silentLogger,
      interactive: false,
      user: { name: 'Piper' },
      channel: 'pipes',
    });
    input.write('/video help join\nin #elsewhere\nsim join X\nquit\n/video help\n');
    await shell.done;
    expect(text).toContain('/video join');
    expect(text).toContain('Now in #elsewhere.');
    expect(text).toContain('`sim` drives the built-in emulator; it is not available against Vonage.');
    expect(text).not.toContain('List the subcommands');
    input.end();
  });

  it('in a terminal, a secret modal field is typed blind: the stream key is never echoed', async () => {
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const until = async (s: string) => {
      while (!text.includes(s)) await new Promise((r) => setTimeout(r, 10));
    };
    await rig.run('/video live stop');
    const shell = createShell({ input, output, door: rig.door, log: silentLogger, user: { name: 'Hana' } });
    input.write('/video status\n');
    await until('Go live…');
    const golive = /\[(\d+\.\d+)\] Go live…/.exec(text)![1]!;
    input.write(`press ${golive}\n`);
    await until('RTMP server URL');
    input.write('rtmp://tty.example/app\n');
    await until('Stream key');
    input.write('TTYSECRET\n');
    await until('Also stream HLS');
    input.write('n\n');
    await until('Maximum duration');
    input.write('\n');
    await until('took the meeting live');
    input.end();
    await shell.done;
    expect(text).toContain('✓ Hana took the meeting live: rtmp://tty.example/app.');
    expect(text).not.toContain('TTYSECRET');
  });

  it('an interactive terminal gets a prompt naming the user and channel', async () => {
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const shell = createShell({
      input,
      output,
      door: rig.door,
      log: silentLogger,
      user: { name: 'Tess', moderator: true },
    });
    input.write('/video help end\n');
    input.end();
    await shell.done;
    expect(text).toContain('Tess (mod) #general> ');
    expect(text).toContain('\x1b[1m');
  });
});

describe('console completion', () => {
  it('completes shell words, subcommands and flags', async () => {
    const { complete } = await import('../../adapters/shell/completion.js');
    expect(complete('pr')[0]).toEqual(['press ']);
    expect(complete('/video rec')[0]).toEqual([
      '/video record start ',
      '/video record stop ',
      '/video recordings ',
      '/video recordings delete ',
      '/video recording link ',
      '/video recording transcript ',
    ]);
    expect(complete('/video record start --lay')).toEqual([['--layout'], '--lay']);
  });
});
