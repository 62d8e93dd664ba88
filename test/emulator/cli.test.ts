import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/emulator/cli-args.js';
import { runCli } from '../../src/emulator/cli.js';
import type { Emulator } from '../../src/emulator/index.js';

// The standalone CLI: its flags, --help, and credentials that stay the same across restarts.

const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));

function run(argv: string[]): Promise<{ result: number | Emulator; out: string; err: string }> {
  let out = '';
  let err = '';
  return runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) }).then((result) => ({
    result,
    out,
    err,
  }));
}

describe('parseCli', () => {
  it('maps flags to emulator options with port 4010 and ./data/emulator by default', () => {
    expect(parseCli([])).toMatchObject({
      kind: 'run',
      options: { port: 4010, outOfOrder: false },
      stateFile: join('data', 'emulator', 'state.json'),
      reset: false,
    });
    const req = parseCli([
      '--port',
      '0',
      '--api-key',
      'k',
      '--api-secret',
      's',
      '--callback-url',
      'http://127.0.0.1:3000/vonage/events',
      '--out-of-order',
      '--data-dir',
      '/tmp/x',
      '--reset',
    ]);
    expect(req).toMatchObject({
      kind: 'run',
      options: {
        port: 0,
        apiKey: 'k',
        apiSecret: 's',
        callbackUrl: 'http://127.0.0.1:3000/vonage/events',
        outOfOrder: true,
        stateFile: '/tmp/x/state.json',
      },
      reset: true,
    });
    expect(parseCli(['--memory'])).toMatchObject({ kind: 'run', stateFile: undefined });
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
  });

  it('reads an application public key from a file', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const file = join(dir, 'key.pem');
    writeFileSync(file, pem);
    const req = parseCli(['--application-id', 'app', '--public-key', file]);
    expect(req.kind === 'run' && req.options.applications).toEqual([
      { applicationId: 'app', publicKeyPem: pem },
    ]);
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--callback-url', 'ftp://x'], /--callback-url/],
    [['--application-id', 'a'], /go together/],
    [['--application-id', 'a', '--public-key', '/nonexistent/key.pem'], /Cannot read/],
    [['--memory', '--reset'], /--memory keeps nothing/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});

describe('runCli', () => {
  const running: Emulator[] = [];
  afterAll(async () => {
    for (const e of running) await e.close();
  });

  it('--help prints the options and exits 0; a bad flag exits 2 with one sentence', async () => {
    const help = await run(['--help']);
    expect(help.result).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run emulator -- \[options\]/);
    expect(help.out).toContain('--data-dir DIR');
    const bad = await run(['--port', 'x']);
    expect(bad).toMatchObject({ result: 2, err: expect.stringMatching(/^--port must be/) });
  });

  it('keeps its key and secret across restarts of the same data folder, unless --reset', async () => {
    const dataDir = join(dir, 'data');
    const start = async (...extra: string[]) => {
      const r = await run(['--port', '0', '--data-dir', dataDir, ...extra]);
      const emu = r.result as Emulator;
      expect(typeof emu).toBe('object');
      return { emu, out: r.out };
    };
    const first = await start();
    expect(first.out).toContain(`VONAGE_API_KEY=${first.emu.apiKey}`);
    expect(first.out).toContain('(new;');
    await first.emu.close();
    const second = await start();
    expect([second.emu.apiKey, second.emu.apiSecret]).toEqual([first.emu.apiKey, first.emu.apiSecret]);
    expect(second.out).toContain('(resumed;');
    await second.emu.close();
    const third = await start('--reset');
    running.push(third.emu);
    expect(third.emu.apiSecret).not.toBe(first.emu.apiSecret);
  });

  it('says in one sentence that a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await run(['--port', String(port), '--memory']);
      expect(r).toMatchObject({ result: 1, err: `Port ${port} is in use; pick another with --port.\n` });
    } finally {
      blocker.close();
    }
  });
});
