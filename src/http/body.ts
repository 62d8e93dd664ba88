import type { IncomingMessage } from 'node:http';
import { HttpError, malformedRequest } from './errors.js';

/** Default body limit: generous for Slack/Discord/Vonage payloads, small enough to refuse abuse. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`, {
    connection: 'close',
  });

/**
 * Reads the raw request body, refusing more than `maxBytes` with a 413 {@link HttpError} as soon as
 * the limit is crossed (Content-Length is checked first so a huge upload is not read at all). The
 * error asks for `connection: close`: the server answers, then drops the connection instead of
 * reading the rest of the upload (which cost about 1 s of CPU per GB).
 */
export function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      if (err) {
        // Stop the flow; the server closes the connection once the answer is out.
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    // The client went away mid-body: nobody will read the answer, but the handler must not hang.
    const onGone = () =>
      done(
        new HttpError(400, 'body_unreadable', 'The request body could not be read.', { connection: 'close' }),
      );
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
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
    throw malformedRequest('invalid_json', 'The request body is not valid JSON.');
  }
}
