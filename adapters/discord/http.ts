import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../src/http/body.js';
import { malformedRequest } from '../../src/http/errors.js';
import { sendJson } from '../../src/http/respond.js';
import type { Logger } from '../../src/log.js';
import type { InteractionHandler } from './handler.js';
import type { InteractionVerifier } from './verify.js';

// POST /discord/interactions: the signature is checked on the raw bytes before anything is parsed
// (Discord probes with bad signatures and drops endpoints that accept them); the first response is
// written at once and the real work runs after it.

/** The path Discord's "Interactions Endpoint URL" should point at. */
export const INTERACTIONS_PATH = '/discord/interactions';

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Creates the route handler for Discord HTTP interactions. */
export function interactionsRoute(verifier: InteractionVerifier, handler: InteractionHandler, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const check = verifier.verify(
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      raw,
    );
    if (!check.ok) {
      log.debug('discord: refused interaction', { reason: check.reason });
      sendJson(res, 401, {
        error: 'invalid_signature',
        message: 'The request signature is missing or invalid.',
      });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      throw malformedRequest('invalid_json', 'The request body is not valid JSON.');
    }
    const outcome = await handler.handle(payload);
    if (outcome.status === 400)
      throw malformedRequest('invalid_interaction', 'The request is not a Discord interaction.');
    sendJson(res, outcome.status, outcome.response);
    // Follow-ups address the response we just sent, so they start once it is on the wire.
    if (res.writableFinished) handler.runAfter(outcome);
    else res.once('finish', () => handler.runAfter(outcome));
  };
}
