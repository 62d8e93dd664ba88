// Replies through response_url with undici's request() on a keep-alive agent: cheaper per call than
// fetch, which matters when many replies follow a burst of commands. Outside tests (no
// SLACK_API_URL override) only Slack's hooks host is accepted, so a payload can never make the bot
// POST somewhere else.
import { Agent, request } from 'undici';

/** The body of a response_url message. */
export interface ResponseMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Posts a message to a response_url. */
export type Responder = (url: string, message: ResponseMessage) => Promise<void>;

const SLACK_HOOKS = 'hooks.slack.com';

/**
 * Creates a responder; `allowAnyHost` is for tests that point Slack at a local fake. A reply that
 * gets no answer within `timeoutMs` (default 10 s) fails, instead of holding its request's work
 * slot for undici's default of 5 minutes.
 */
export function createResponder(opts: { allowAnyHost: boolean; timeoutMs?: number }): {
  respond: Responder;
  close(): Promise<void>;
} {
  const timeout = opts.timeoutMs ?? 10_000;
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    // As many as the work queue may need at once against Slack's ~100 ms (commands/work-queue.ts).
    connections: 256,
    connectTimeout: timeout,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  return {
    async respond(url, message) {
      const target = new URL(url);
      if (!opts.allowAnyHost && (target.protocol !== 'https:' || target.hostname !== SLACK_HOOKS)) {
        throw new Error('Refusing a response_url outside hooks.slack.com.');
      }
      const res = await request(target, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
      });
      await res.body.dump();
      if (res.statusCode >= 300) throw new Error(`Slack answered ${res.statusCode} to a response_url reply.`);
    },
    close: () => agent.close(),
  };
}
