import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/emulator/cli-args.js';

// The standalone CLI's flags.

describe('parseCli', () => {
  it('maps flags to emulator options with port 4010 by default', () => {
    expect(parseCli([])).toMatchObject({ port: 4010, outOfOrder: false });
    const opts = parseCli([
      '--port',
      '0',
      '--api-key',
      'k',
      '--api-secret',
      's',
      '--callback-url',
      'http://127.0.0.1:3000/vonage/events',
      '--out-of-order',
    ]);
    expect(opts).toMatchObject({
      port: 0,
      apiKey: 'k',
      apiSecret: 's',
      callbackUrl: 'http://127.0.0.1:3000/vonage/events',
      outOfOrder: true,
    });
  });

  it('reads an application public key from a file', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const file = join(mkdtempSync(join(tmpdir(), 'emu-')), 'key.pem');
    writeFileSync(file, pem);
    expect(parseCli(['--application-id', 'app', '--public-key', file]).applications).toEqual([
      { applicationId: 'app', publicKeyPem: pem },
    ]);
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--callback-url', 'ftp://x'], /--callback-url/],
    [['--application-id', 'a'], /go together/],
    [['--application-id', 'a', '--public-key', '/nonexistent/key.pem'], /Cannot read/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
