import { pathToFileURL } from 'node:url';
import { parseCli, USAGE } from './cli-args.js';
import { startEmulator, type Emulator } from './index.js';
import { removeState } from './state-file.js';

// `npm run emulator -- [options]`: runs the emulator standalone and prints where it listens and the
// credentials to configure the bot with (the emulator's own local test credentials, which is why
// printing them is fine here). Its state, credentials included, is kept in its data folder, so a
// bot configured once keeps working across restarts of the emulator.

/** Where the CLI writes (injectable for tests). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Runs the CLI: 0 after --help, 2 for bad flags, else the running emulator. */
export async function runCli(
  argv: string[],
  io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number | Emulator> {
  let request;
  try {
    request = parseCli(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\nRun with --help for the options.\n`);
    return 2;
  }
  if (request.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (request.reset && request.stateFile) await removeState(request.stateFile);
  const { options } = request;
  let emu: Emulator;
  try {
    emu = await startEmulator({ ...options, warn: (m) => io.err(`${m}\n`) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    io.err(`Port ${options.port} is in use; pick another with --port.\n`);
    return 1;
  }
  io.out(
    [
      `Vonage Video API emulator listening on ${emu.url}`,
      `Point the bot at it with:`,
      `  VONAGE_VIDEO_API_URL=${emu.url}`,
      `  VONAGE_API_KEY=${emu.apiKey}`,
      `  VONAGE_API_SECRET=${emu.apiSecret}`,
      ...(options.applications ?? []).map((a) => `  VONAGE_APPLICATION_ID=${a.applicationId}`),
      `Callbacks: ${options.callbackUrl ?? 'to the bot that starts against it (it registers itself), or give --callback-url'}`,
      request.stateFile
        ? `State and credentials: ${request.stateFile} (${emu.resumed ? 'resumed' : 'new'}; --reset starts afresh)`
        : 'State: in memory only (--memory)',
      `Control API: ${emu.url}/_emulator/ (see src/emulator/README.md)`,
      '',
    ].join('\n'),
  );
  return emu;
}

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2));
  if (typeof result === 'number') process.exit(result);
  const stop = (): void => {
    void result.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((err: unknown) => {
    process.stderr.write(`The emulator could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
