// Client tokens for the emulated participants, minted with the official `opentok` package (as a
// customer's own web app would), so the test does not lean on the bot's Video client.
import { createRequire } from 'node:module';

interface OpenTokSdk {
  generateToken(sessionId: string, opts?: { data?: string; role?: string }): string;
}

/** Mints publisher tokens carrying `data` for sessions of the project `apiKey`. */
export type TokenMinter = (sessionId: string, data: string) => string;

/** A minter for the emulator's project. */
export function tokenMinter(apiKey: string, apiSecret: string, apiUrl: string): TokenMinter {
  const OpenTok = createRequire(import.meta.url)('opentok') as new (
    k: string,
    s: string,
    u: string,
  ) => OpenTokSdk;
  const sdk = new OpenTok(apiKey, apiSecret, apiUrl);
  return (sessionId, data) => sdk.generateToken(sessionId, { data, role: 'publisher' });
}
