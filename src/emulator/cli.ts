import { parseCli } from './cli-args.js';
import { startEmulator, type EmulatorOptions } from './index.js';

// `npm run emulator -- --port 4010 --api-key K --api-secret S --callback-url URL`: runs the emulator
// standalone and prints where it listens and the credentials to configure the bot with (they are the
// emulator's own local test credentials, which is why printing them is fine here).

async function main(): Promise<void> {
  let opts: EmulatorOptions;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const emu = await startEmulator(opts);
  process.stdout.write(
    [
      `Vonage Video API emulator listening on ${emu.url}`,
      `  VONAGE_VIDEO_API_URL=${emu.url}`,
      `  VONAGE_API_KEY=${emu.apiKey}`,
      `  VONAGE_API_SECRET=${emu.apiSecret}`,
      ...(opts.applications ?? []).map((a) => `  VONAGE_APPLICATION_ID=${a.applicationId}`),
      `  callbacks -> ${opts.callbackUrl ?? 'none (no --callback-url given)'}`,
      `  control API: ${emu.url}/_emulator/ (see src/emulator/README.md)`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`The emulator could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
