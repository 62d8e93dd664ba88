import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT } from '../../commands/tokenize.js';
import { startRig, type ShellRig } from './harness.js';

describe('bad input never reaches the Video API and never crashes', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startRig();
    await rig.run('as Hana', '/video start Inputs', 'sim join Alice', 'sim publish Alice');
  });
  afterAll(async () => {
    await rig.stop();
  });

  it('malformed quotes and escapes get one sentence', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video start "unfinished',
      "/video signal chat 'oops",
      '/video record start trailing\\',
    );
    expect(out).toContain('✗ There is an unclosed " quote: close it, or escape a literal quote as `\\"`.');
    expect(out).toContain("✗ There is an unclosed ' quote: close it, or write an apostrophe as `\\'`.");
    expect(out).toContain('✗ The command ends with a lone backslash');
    expect(rig.callCount()).toBe(before);
  });

  it('unknown and mistyped subcommands suggest the nearest one with its usage', async () => {
    const out = await rig.run(
      '/video recrod start',
      '/video strat',
      '/video xyzzy',
      '/video live',
      '/video compose begin',
    );
    expect(out).toContain(
      '✗ There is no subcommand `recrod`. Did you mean `record`?\n    Usage: `/video record start',
    );
    expect(out).toContain(
      '✗ There is no subcommand `strat`. Did you mean `start`?\n    Usage: `/video start',
    );
    expect(out).toContain('✗ There is no subcommand `xyzzy`. Try `/video help` for the list.');
    expect(out).toContain('✗ `live` needs a subcommand: use `start` or `stop`.');
    expect(out).toContain('✗ `compose` has no `begin`: use `start` or `stop`.');
  });

  it('unknown flags, missing values, extra words and bad values are named', async () => {
    const before = rig.callCount();
    const out = await rig.run(
      '/video kick',
      '/video join now',
      '/video recordings --count',
      '/video recordings --cuont 3',
      '/video dtmf',
      '/video focus --who',
    );
    expect(out).toContain('✗ `<who>` is required.');
    expect(out).toContain('✗ Unexpected `now`: `join` takes no more arguments');
    expect(out).toContain('✗ `--count` needs a value.');
    expect(out).toContain('✗ `recordings` has no option `--cuont`; did you mean `--count`?');
    expect(out).toContain('✗ `<digits>` is required');
    expect(out).toContain('✗ `--who` needs a value.');
    expect(rig.callCount()).toBe(before);
  });

  it(`input over ${MAX_INPUT} characters is refused before parsing`, async () => {
    const before = rig.callCount();
    const out = await rig.run(`/video start ${'"'.repeat(5000)}`);
    expect(out).toContain(`✗ That command is too long (5006 characters); the limit is ${MAX_INPUT}.`);
    expect(rig.callCount()).toBe(before);
  });

  it('random junk (control characters, unicode, flag soup) always gets a reply and never a stack', async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '"',
      "'",
      '\\',
      '--',
      '=',
      ' ',
      '<@',
      '>',
      '|',
      'record',
      'start',
      'mute',
      'all',
      '\u0000',
      '\u202e',
      '🎥',
      'x',
      '9',
      '\t',
      'stop',
      '--except',
      '--rtmp',
    ];
    for (let i = 0; i < 60; i++) {
      const junk = Array.from(
        { length: 1 + Math.floor(rand() * 12) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('');
      const out = await rig.run(`/video ${junk.replace(/[\r\n]/g, ' ')}`);
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toMatch(/at .*\.(ts|js):\d+|TypeError|ReferenceError/);
    }
    expect(await rig.run('/video participants')).toContain('Alice');
  });

  it('a Video API failure becomes its one-sentence message, never a stack or secret', async () => {
    rig.app.emulator!.setFault({ path: '/v2/project/', method: 'POST', status: 500, times: 10 });
    const out = await rig.run('/video record start');
    rig.app.emulator!.clearFaults();
    expect(out).toMatch(/\(only you see this\)\n {2}✗ [^\n]+\.\n$/);
    expect(out).not.toMatch(/X-OPENTOK-AUTH|Bearer|eyJ|at .*\.js/);
    const audit = await rig.app.store.listAudit((await rig.meeting()).id);
    expect(audit.at(-1)).toMatchObject({ action: 'record start', outcome: 'failed' });
  });
});
