import { DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import {
  PlatformRateLimitedError,
  type CardPublisher,
  type MessageRef,
  type PinnedLink,
  type Place,
  type View,
} from '../../src/chat.js';
import { PlatformTimeoutError } from '../../src/cards/deadline.js';
import { DiscordEvents } from './events.js';
import { escapeDiscord } from './markdown.js';
import type { ComponentMemory } from './memory.js';
import { renderMessage } from './render.js';

// Meeting cards are ordinary bot messages in the channel (an interaction token dies after 15
// minutes; a meeting lasts longer), posted and edited with the bot token. Every call is bounded by
// one deadline (10 s) that covers discord.js's own retries, so a hung card call costs only its card.

/** Longest a card call to Discord may take, retries included. */
export const CARD_CALL_TIMEOUT_MS = 10_000;

/** Posts and edits meeting cards as channel messages through Discord REST. */
export class DiscordPublisher implements CardPublisher {
  readonly platform = 'discord' as const;
  /** Planned meetings as Guild Scheduled Events. */
  readonly calendar: DiscordEvents;

  constructor(
    private readonly rest: REST,
    private readonly opts: { hasToken: boolean; memory?: ComponentMemory; timeoutMs?: number },
  ) {
    this.calendar = new DiscordEvents(rest, opts.hasToken);
  }

  /** Posts the card in the place's channel. */
  async post(place: Place, view: View): Promise<MessageRef> {
    this.needToken();
    const body = renderMessage(view, this.opts.memory);
    const msg = (await this.call(() =>
      this.rest.post(Routes.channelMessages(place.channelId), { body, signal: this.deadline() }),
    )) as { id: string };
    return { platform: 'discord', teamId: place.teamId, channelId: place.channelId, messageId: msg.id };
  }

  /**
   * Posts `view` in a thread started on message `to` (the meeting recap under its card); the reply's
   * reference names the thread as its channel, so edits go there.
   */
  async reply(to: MessageRef, view: View): Promise<MessageRef> {
    this.needToken();
    const thread = await this.thread(to);
    const body = renderMessage(view, this.opts.memory);
    const msg = (await this.call(() =>
      this.rest.post(Routes.channelMessages(thread), { body, signal: this.deadline() }),
    )) as { id: string };
    return { platform: 'discord', teamId: to.teamId, channelId: thread, messageId: msg.id };
  }

  /** Starts the thread of a message, or finds it when it was started before (its ID is the message's). */
  private async thread(to: MessageRef): Promise<string> {
    try {
      const started = (await this.rest.post(Routes.threads(to.channelId, to.messageId), {
        body: { name: 'Meeting recap', auto_archive_duration: 1440 },
        signal: this.deadline(),
      })) as { id: string };
      return started.id;
    } catch (err) {
      // 160004: a thread was already started on this message (a retried recap).
      if (err instanceof DiscordAPIError && err.code === 160004) return to.messageId;
      return this.call(() => Promise.reject(err));
    }
  }

  /** Replaces the card's content; throws {@link PlatformRateLimitedError} when Discord says to wait. */
  async update(ref: MessageRef, view: View): Promise<void> {
    this.needToken();
    const body = renderMessage(view, this.opts.memory);
    await this.call(() =>
      this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body, signal: this.deadline() }),
    );
  }

  /**
   * A channel room's link as a pinned message (PUT /channels/{id}/pins/{message_id}); an earlier
   * one is edited in place, so the pin stays where people found it.
   */
  async pinLink(place: Place, link: PinnedLink, previous: string | null): Promise<string> {
    this.needToken();
    // The title is escaped like any user text; the URL stays bare so Discord makes it a link.
    const body = {
      content: `Room: ${escapeDiscord(link.title)} ${link.url}`,
      allowed_mentions: { parse: [] },
    };
    const channel = place.channelId;
    if (previous) {
      try {
        await this.call(() =>
          this.rest.patch(Routes.channelMessage(channel, previous), { body, signal: this.deadline() }),
        );
        return previous;
      } catch (err) {
        // Someone deleted the pinned message: post and pin a new one.
        if (!notFound(err)) throw err;
      }
    }
    const msg = (await this.call(() =>
      this.rest.post(Routes.channelMessages(channel), { body, signal: this.deadline() }),
    )) as { id: string };
    await this.call(() => this.rest.put(`/channels/${channel}/pins/${msg.id}`, { signal: this.deadline() }));
    return msg.id;
  }

  /** Unpins the room's link (a message already gone or unpinned is fine). */
  async unpinLink(place: Place, ref: string): Promise<void> {
    this.needToken();
    try {
      await this.call(() =>
        this.rest.delete(`/channels/${place.channelId}/pins/${ref}`, { signal: this.deadline() }),
      );
    } catch (err) {
      if (!notFound(err)) throw err;
    }
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.opts.timeoutMs ?? CARD_CALL_TIMEOUT_MS);
  }

  private needToken(): void {
    if (!this.opts.hasToken) {
      throw new Error(
        'Posting meeting cards on Discord needs DISCORD_TOKEN (the bot token) as well as DISCORD_PUBLIC_KEY.',
      );
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RateLimitError)
        throw new PlatformRateLimitedError(
          Math.max(err.retryAfter > 0 ? err.retryAfter : err.timeToReset, 1),
        );
      if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
        throw new PlatformTimeoutError(this.opts.timeoutMs ?? CARD_CALL_TIMEOUT_MS);
      if (err instanceof DiscordAPIError) {
        // Keep Discord's code and message; the request body (card content) is not worth logging.
        throw new Error(`Discord refused the card (${err.status} ${err.code}): ${err.message}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}

/** Whether Discord answered 404 (call() keeps its error as the cause). */
function notFound(err: unknown): boolean {
  const cause = (err as { cause?: unknown })?.cause;
  return cause instanceof DiscordAPIError && cause.status === 404;
}
