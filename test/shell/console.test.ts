import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderView } from '../../adapters/shell/render.js';
import { styled, wantsColor } from '../../adapters/shell/style.js';
import { loadConfig } from '../../src/config.js';
import { consoleLogPath, dataFolder, fileLogger } from '../../src/log-file.js';
import { startApp } from '../../src/main.js';
import { startRig, type ShellRig } from './harness.js';

// What a newcomer sees in the console: a banner once, terminal formatting instead of Markdown,
// cards printed once and then as one-line changes, and press numbers that belong to a message.

describe('the start banner and the log file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says once where the bot listens, that the built-in emulator runs, where data and log live and how to leave', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const db = join(dir, 'bot.db');
    const logFile = consoleLogPath(`sqlite:${db}`);
    const file = fileLogger(logFile, 'info');
    const app = await startApp(loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${db}` }), file.log, {
      host: '127.0.0.1',
      console: { input, output },
      logFile,
    });
    try {
      input.write('/video help join\n');
      while (!text.includes('Get your personal link')) await new Promise((r) => setTimeout(r, 10));
      const url = app.url.replace('127.0.0.1', 'localhost');
      expect(text).toContain('video-chatops console\n');
      expect(text).toContain(`  HTTP:   ${url} (join pages, ${url}/healthz, Vonage callbacks)`);
      expect(text).toContain(`  Video:  the built-in Vonage Video API emulator at ${app.emulator!.url}`);
      expect(text).toContain(
        `  Data:   ${db} (SQLite) and ${join(dir, 'bot-emulator.json')} (emulator); kept across restarts`,
      );
      expect(text).toContain(`  Log:    ${join(dir, 'video-chatops.log')}`);
      expect(text).toContain('Leave with `quit` or Ctrl-D');
      expect(text).toContain('You are Me in #general.');
      expect(text.match(/video-chatops console/g)).toHaveLength(1);
      // The log went to the file, not to the console.
      expect(text).not.toMatch(/^\{"t":/m);
    } finally {
      input.end();
      await app.stop();
      await file.close();
    }
    const logged = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(logged.map((l) => l.msg)).toContain('video-chatops is running');
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it('keeps the log in the SQLite file’s folder, or ./data when the store keeps no file', () => {
    expect(dataFolder('sqlite:/srv/bot/db.sqlite')).toBe('/srv/bot');
    expect(dataFolder('sqlite::memory:')).toBe('./data');
    expect(dataFolder('postgres://u:p@db:5432/bot')).toBe('./data');
    expect(consoleLogPath('sqlite:./data/video-chatops.db')).toBe('./data/video-chatops.log');
    expect(consoleLogPath('sqlite::memory:')).toBe('./data/video-chatops.log');
  });
});

describe('terminal rendering', () => {
  it('styles bold, code and context on a colour terminal, with no Markdown markers left', () => {
    const view = {
      visibility: 'ephemeral' as const,
      title: 'Help',
      blocks: [
        { type: 'text' as const, text: '`end` — End the meeting (**host or moderator**)' },
        { type: 'context' as const, text: 'Try `/video help end`.' },
      ],
    };
    const colour = renderView(view, { color: true }, undefined, () => '1.1');
    expect(colour).toContain('\x1b[36mend\x1b[39m — End the meeting (\x1b[1mhost or moderator\x1b[22m)');
    expect(colour).toContain('  \x1b[2m  Try \x1b[36m/video help end\x1b[39m.\x1b[22m');
    expect(colour).not.toMatch(/`|\*\*|_\(/);
    const plain = renderView(view, { color: false }, undefined, () => '1.1');
    expect(plain).toContain('`end` — End the meeting (host or moderator)');
    expect(plain).not.toContain('\x1b');
  });

  it('uses colour only on a terminal, and never with NO_COLOR', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, { FORCE_COLOR: '1' })).toBe(true);
  });

  it('drops escape sequences a name could carry', () => {
    expect(styled('**Eve\x1b[2J**', { color: false })).toBe('Eve[2J');
  });
});

describe('cards and press numbers in the console', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run('as Hana', '/video start Daily');
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('prints a card once, then one line per change, and only for the current channel unless `watch all`', async () => {
    const from = rig.transcript().length;
    await rig.run('sim join Ada', 'sim publish Ada', '/video record start');
    // Joining and publishing arrive as one change or two, as the card's edits happen to be grouped.
    await rig.waitFor(/#general · Daily: Ada (joined \(camera\)|now: camera)\n/, from);
    await rig.waitFor(/#general · Daily: Recording started\n/, from);
    await rig.waitFor(/#general · Daily: now: \[\d+\.2\] Stop recording/, from);
    expect(rig.transcript().slice(from)).not.toContain('│ Daily');

    // Cards of another channel: handed to the console's publisher as the card service would.
    const card = (people: string[]) => ({
      visibility: 'channel' as const,
      cardOf: 'OpsKey0001',
      title: 'Ops',
      blocks: [{ type: 'text' as const, text: people.map((p) => `• **${p}** — camera`).join('\n') }],
    });
    const place = { platform: 'shell' as const, teamId: 'local', channelId: 'ops' };
    const quiet = rig.transcript().length;
    const ref = await rig.shell.publisher.post(place, card(['Olu']));
    await rig.shell.publisher.update(ref, card(['Olu', 'Uma']));
    expect(rig.transcript().slice(quiet)).toBe('');
    expect(await rig.run('watch all')).toContain('Showing card changes of every channel.');
    const all = rig.transcript().length;
    await rig.shell.publisher.update(ref, card(['Olu', 'Uma', 'Vic']));
    expect(rig.transcript().slice(all)).toMatch(/^#ops — card updated:\n│ Ops\n│ • Olu — camera/);
    await rig.shell.publisher.update(ref, card(['Uma', 'Vic']));
    expect(rig.transcript().slice(all)).toContain('#ops · Ops: Olu left\n');
    expect(await rig.run('watch channel')).toContain('Showing card changes of #general only.');
    expect(await rig.run('watch')).toContain('Usage: `watch all`');
  });

  it('a typed command at a confirmation runs as that command; the confirmation names its target', async () => {
    const card = await rig.run('/video status');
    const end = /\[(\d+\.\d+)\] End meeting/.exec(card)![1]!;
    const out = await rig.run(`press ${end}`, '/video participants');
    expect(out).toContain('End the meeting "Daily"? This stops recording');
    expect(out).toContain('Cancelled.');
    expect(out).toMatch(/Participants of Daily \(\d\)/);
    expect((await rig.meeting()).title).toBe('Daily');
    const odd = await rig.run(`press ${end}`, 'maybe');
    expect(odd).toContain('Cancelled (answer `y` to confirm, `n` to cancel).');
  });

  it('suggests subcommands and words wherever it can, and says what a start did not use', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video recordings delet',
      '/video mute --all',
      '/video start Standup -relayed',
      '/video mute all --except Eve,Nobody',
    );
    expect(out).toContain('✗ There is no `recordings delet`. Did you mean `recordings delete`?');
    expect(out).toContain('✗ `mute` has no option `--all`; did you mean `mute all` (no dashes)?');
    expect(out).toContain('✗ `-relayed` looks like an option: write `--relayed` (two dashes)');
    expect(out).toContain('✗ Nobody matching `Eve` is in the meeting');
    expect(rig.callCount()).toBe(before);
    const help = await rig.run('/video help mute', '/video help live start');
    expect(help).toContain('Usage: `/video mute all [--except who]...'.replace('Usage: ', ''));
    expect(help).toContain('`--except who` With `all`: who to leave unmuted');
    expect(help.match(/repeatable/g)).toHaveLength(2);
    expect(help).toContain('`--rtmp URL KEY`');
    expect(help).toContain('`--max-duration S`');
    const again = await rig.run('as Bob', '/video start Other --auto-record', 'as Hana');
    expect(again).toContain(
      'Daily is already running in this channel (started by Hana); here is your link to it. The title "Other" and `--auto-record` were not used (they apply only to a new meeting).',
    );
  });

  it('suggests console words and points bot words at /video', async () => {
    const out = await rig.run('wach all', 'record start', 'help recrod');
    expect(out).toContain('Unknown console command `wach`: did you mean `watch`?');
    expect(out).toContain('`record` is a bot command: type `/video record start`.');
    expect(out).toContain('There is no subcommand `recrod`. Did you mean `record`?');
  });
});
