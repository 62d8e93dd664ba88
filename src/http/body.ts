import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/** Default body limit: generous for Slack/Discord/Vonage payloads, small enough to refuse abuse. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads the raw request body, refusing more than `maxBytes` with a 413 {@link HttpError} as soon as
 * the limit is crossed (Content-Length is checked first so a huge upload is not read at all).
 */
export async function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new HttpError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw new HttpError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Reads and parses a JSON body; malformed JSON is a 400 {@link HttpError}. */
export async function readJson(
  req: IncomingMessage,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<{ raw: Buffer; json: unknown }> {
  const raw = await readBody(req, maxBytes);
  try {
    return { raw, json: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
