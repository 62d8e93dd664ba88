import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './index.js';

// Command-line flags of the standalone emulator (`npm run emulator -- ...`).

const USAGE = `Usage: npm run emulator -- [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--api-secret SECRET]
  [--callback-url URL] [--signature-secret SECRET] [--application-id ID --public-key PEM_OR_FILE] [--out-of-order]`;

/** Turns command-line arguments into emulator options; throws a one-sentence Error on bad input. */
export function parseCli(argv: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'callback-url': { type: 'string' },
      'signature-secret': { type: 'string' },
      'application-id': { type: 'string' },
      'public-key': { type: 'string' },
      'out-of-order': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(USAGE);
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('--port must be an integer from 0 to 65535.');
  if (values['callback-url'] !== undefined && !/^https?:\/\//.test(values['callback-url']))
    throw new Error('--callback-url must be an http or https URL.');
  if (!values['application-id'] !== !values['public-key'])
    throw new Error('--application-id and --public-key go together.');
  const opts: EmulatorOptions = {
    port,
    host: values.host,
    apiKey: values['api-key'],
    apiSecret: values['api-secret'],
    callbackUrl: values['callback-url'],
    signatureSecret: values['signature-secret'],
    outOfOrder: values['out-of-order'] ?? false,
  };
  const appId = values['application-id'];
  const key = values['public-key'];
  if (appId && key)
    opts.applications = [
      { applicationId: appId, publicKeyPem: key.includes('-----BEGIN') ? key : readPem(key) },
    ];
  return opts;
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read the public key file ${path}.`);
  }
}
