import type { IncomingMessage } from 'node:http';

// Its own module because the join page, the rejoin pass and the emulator's routes all check it
// (rejoin importing it from exchange.ts, which signs rejoin passes, made an import cycle).

/** Whether a browser request comes from our own pages (Origin absent, our public origin, or the Host it was sent to). */
export function sameOrigin(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
