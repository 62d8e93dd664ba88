// Test helpers: Slack v0 request signing and a tiny HTTP client for the signed endpoint.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Computes Slack's v0 signature for `body` at `ts` (seconds). */
export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
}

/** Form-encodes a slash command body. */
export function slashBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Form-encodes an interaction payload (`payload=<json>`). */
export function payloadBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** POSTs a correctly signed (unless overridden) request to `url`. */
export async function postSigned(
  url: string,
  body: string,
  opts: { ts?: number; signature?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': opts.signature ?? sign(body, ts),
      ...opts.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}
