import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './index.js';

// Command-line flags of the standalone emulator (`npm run emulator -- ...`); src/emulator/README.md
// documents them.

/** What `--help` prints. */
export const USAGE = `Usage: npm run emulator -- [options]

Runs a local Vonage Video API (REST, callbacks, control API under /_emulator/).

  --port N                 port to listen on (default 4010; 0 picks a free one)
  --host ADDR              interface to listen on (default 127.0.0.1)
  --api-key KEY            OpenTok API key (default: the saved one, else a new random one)
  --api-secret SECRET      its secret (default: the saved one, else a new random one)
  --application-id ID      also accept a Vonage application (with --public-key)
  --public-key PEM|FILE    that application's public (or private) key
  --callback-url URL       where to send callbacks (a bot started against this emulator registers
                           its own URL by itself)
  --signature-secret S     sign callbacks (set the bot's VONAGE_SIGNATURE_SECRET to the same value)
  --data-dir DIR           where state and credentials are kept (default ./data/emulator)
  --reset                  forget the saved state and credentials first (new key and secret)
  --memory                 keep nothing on disk
  --out-of-order           deliver callbacks shuffled (to test a bot's ordering)
  --help                   show this help`;

/** What the command line asks for: help, or an emulator to run (with where it keeps its state). */
export type CliRequest =
  { kind: 'help' } | { kind: 'run'; options: EmulatorOptions; stateFile?: string; reset: boolean };

/** Turns command-line arguments into a request; throws a one-sentence Error on bad input. */
export function parseCli(argv: string[]): CliRequest {
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
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      memory: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.memory && (values.reset || values['data-dir'] !== undefined))
    throw new Error('--memory keeps nothing on disk: it goes with neither --data-dir nor --reset.');
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
  const stateFile = values.memory
    ? undefined
    : join(values['data-dir'] ?? join('data', 'emulator'), 'state.json');
  return {
    kind: 'run',
    options: { ...opts, stateFile, keepCallbackUrl: true },
    stateFile,
    reset: values.reset ?? false,
  };
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read the public key file ${path}.`);
  }
}
