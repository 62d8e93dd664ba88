import { setTimeout as sleep } from 'node:timers/promises';
import { MessageFlags, Routes } from 'discord.js';
import { Agent, request, type Dispatcher } from 'undici';
import type { DiscordMessage } from './render.js';

// Everything after the first response goes through the interaction's webhook (valid 15 minutes,
// no bot token, exempt from the global rate limit): edit the original response, send follow-ups,
// delete the "thinking" message. These are plain HTTP calls rather than @discordjs/rest ones: that
// client keeps a rate-limit queue per route and major parameter, which for webhooks means one per
// interaction token, kept for an hour; a 429 here is rare and simply waited out.

/** The interaction a reply belongs to. */
export interface InteractionRef {
  id: string;
  applicationId: string;
  token: string;
}

/** Thrown when Discord refuses a reply; the message never contains the interaction token. */
export class DiscordReplyError extends Error {
  override readonly name = 'DiscordReplyError';
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    detail: string,
  ) {
    super(
      `Discord refused an interaction reply (${status}${code !== undefined ? ` ${code}` : ''}): ${detail}`,
    );
  }
}

const MAX_ATTEMPTS = 3;
/**
 * Connections to Discord's REST API: as many as the work queue may need at once against Discord's
 * ~100 ms (commands/work-queue.ts); at 32 a replica's replies were capped near 320/s. Interaction
 * responses are outside Discord's global rate limit; card edits are paced per card.
 */
const REPLY_CONNECTIONS = 256;

const HEADERS = {
  'content-type': 'application/json',
  'user-agent': 'DiscordBot (https://github.com/video-chatops, 0.1) video-chatops',
};

/** Writes an interaction's responses and follow-up messages through Discord's webhook routes. */
export class InteractionReplies {
  private readonly base: string;
  private pool: Dispatcher | undefined;

  /** `dispatcher` replaces the connection pool (tests); by default one is opened on first use. */
  constructor(
    apiUrl: string,
    private readonly dispatcher?: Dispatcher,
  ) {
    this.base = `${apiUrl.replace(/\/+$/, '')}/v10`;
  }

  /** Sends the first response over REST (gateway mode: Discord delivered the interaction over the socket). */
  callback(ref: InteractionRef, response: unknown): Promise<void> {
    return this.send('POST', Routes.interactionCallback(ref.id, ref.token), response);
  }

  /** Replaces the original (deferred) response. */
  editOriginal(ref: InteractionRef, message: Partial<DiscordMessage>): Promise<void> {
    return this.send('PATCH', Routes.webhookMessage(ref.applicationId, ref.token, '@original'), message);
  }

  /** Deletes the original response (the ephemeral stub once a public reply is out). */
  deleteOriginal(ref: InteractionRef): Promise<void> {
    return this.send('DELETE', Routes.webhookMessage(ref.applicationId, ref.token, '@original'));
  }

  /** Posts a follow-up message, visible only to the clicker when `ephemeral`. */
  followUp(ref: InteractionRef, message: DiscordMessage, ephemeral: boolean): Promise<void> {
    return this.send(
      'POST',
      Routes.webhook(ref.applicationId, ref.token),
      ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : message,
    );
  }

  /** Closes the connection pool; a later reply opens a new one (the adapter can be restarted). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async send(method: 'POST' | 'PATCH' | 'DELETE', route: string, body?: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      // One options shape (body undefined when there is none) and shared headers: a conditional
      // spread here sent every reply through V8's slow property-definition path (perf, 2026-12-06).
      const res = await request(`${this.base}${route}`, {
        method,
        dispatcher:
          this.dispatcher ??
          (this.pool ??= new Agent({ keepAliveTimeout: 30_000, connections: REPLY_CONNECTIONS })),
        headers: HEADERS,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      if (res.statusCode < 300) return;
      const data = parse(text);
      if (res.statusCode === 429 && attempt < MAX_ATTEMPTS) {
        const seconds =
          typeof data.retry_after === 'number' ? data.retry_after : Number(res.headers['retry-after'] ?? 1);
        await sleep(Math.min(Math.max(seconds, 0) * 1000, 10_000));
        continue;
      }
      throw new DiscordReplyError(
        res.statusCode,
        typeof data.code === 'number' ? data.code : undefined,
        typeof data.message === 'string' ? data.message : 'no details',
      );
    }
  }
}

function parse(text: string): { retry_after?: unknown; code?: unknown; message?: unknown } {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
