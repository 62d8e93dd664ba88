// The Slack CardPublisher: a card is an ordinary bot message (chat.postMessage) edited in place by
// the core's refresher (chat.update). Nothing is retried here: a 429 becomes PlatformRateLimitedError
// so the refresher defers the card by Retry-After and the newest state wins; a 5xx or a call that
// hangs past the client's timeout fails, and the card stays pending until a later attempt.
import { webApi } from '@slack/bolt';
import {
  PlatformRateLimitedError,
  type CardPublisher,
  type MessageRef,
  type PinnedLink,
  type Place,
  type View,
} from '../../src/chat.js';
import { renderView } from './render.js';
import type { TokenLookup } from './tokens.js';

/** Called after a card was posted or updated (Slack Calls keeps its participant list in step). */
export type CardHook = (event: 'post' | 'update', ref: MessageRef, view: View) => void;

/** Options of {@link SlackCardPublisher}. */
export interface SlackCardPublisherOptions {
  client: webApi.WebClient;
  tokenFor: TokenLookup;
  onCard?: CardHook;
}

function rateLimited(err: unknown): PlatformRateLimitedError | null {
  const e = err as { code?: string; retryAfter?: number };
  if (e?.code === webApi.ErrorCode.RateLimitedError)
    return new PlatformRateLimitedError(Math.max(1, e.retryAfter ?? 1) * 1000);
  return null;
}

/** The Web API's error code (`not_found`, ...) of a failed call, if Slack answered with one. */
function slackError(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** Posts and edits meeting cards in Slack channels. */
export class SlackCardPublisher implements CardPublisher {
  readonly platform = 'slack' as const;

  constructor(private readonly opts: SlackCardPublisherOptions) {}

  async post(place: Place, view: View): Promise<MessageRef> {
    const msg = this.render(view);
    try {
      const res = await this.opts.client.chat.postMessage({
        token: await this.opts.tokenFor(place.teamId),
        channel: place.channelId,
        text: msg.text,
        blocks: msg.blocks,
        unfurl_links: false,
      });
      const ref: MessageRef = {
        platform: 'slack',
        teamId: place.teamId,
        channelId: res.channel ?? place.channelId,
        messageId: String(res.ts),
      };
      this.opts.onCard?.('post', ref, view);
      return ref;
    } catch (err) {
      throw rateLimited(err) ?? err;
    }
  }

  /** Posts `view` in the thread of message `to` (the meeting recap under its card). */
  async reply(to: MessageRef, view: View): Promise<MessageRef> {
    const msg = this.render(view);
    try {
      const res = await this.opts.client.chat.postMessage({
        token: await this.opts.tokenFor(to.teamId),
        channel: to.channelId,
        thread_ts: to.messageId,
        text: msg.text,
        blocks: msg.blocks,
        unfurl_links: false,
      });
      return {
        platform: 'slack',
        teamId: to.teamId,
        channelId: res.channel ?? to.channelId,
        messageId: String(res.ts),
      };
    } catch (err) {
      throw rateLimited(err) ?? err;
    }
  }

  async update(ref: MessageRef, view: View): Promise<void> {
    const msg = this.render(view);
    try {
      await this.opts.client.chat.update({
        token: await this.opts.tokenFor(ref.teamId),
        channel: ref.channelId,
        ts: ref.messageId,
        text: msg.text,
        blocks: msg.blocks,
      });
    } catch (err) {
      throw rateLimited(err) ?? err;
    }
    this.opts.onCard?.('update', ref, view);
  }

  /** A channel room's link as a channel bookmark: added, or edited in place when one exists. */
  async pinLink(place: Place, link: PinnedLink, previous: string | null): Promise<string> {
    const token = await this.opts.tokenFor(place.teamId);
    const fields = { token, channel_id: place.channelId, title: link.title.slice(0, 120), link: link.url };
    try {
      if (previous) {
        try {
          await this.opts.client.bookmarks.edit({ ...fields, bookmark_id: previous });
          return previous;
        } catch (err) {
          // Someone removed the bookmark by hand: add it again.
          if (slackError(err) !== 'not_found') throw err;
        }
      }
      const res = await this.opts.client.bookmarks.add({ ...fields, type: 'link' });
      if (!res.bookmark?.id) throw new Error('Slack added the bookmark but did not say its ID.');
      return res.bookmark.id;
    } catch (err) {
      throw rateLimited(err) ?? err;
    }
  }

  /** Removes the room's bookmark (one already removed by hand is fine). */
  async unpinLink(place: Place, ref: string): Promise<void> {
    try {
      await this.opts.client.bookmarks.remove({
        token: await this.opts.tokenFor(place.teamId),
        channel_id: place.channelId,
        bookmark_id: ref,
      });
    } catch (err) {
      if (slackError(err) === 'not_found') return;
      throw rateLimited(err) ?? err;
    }
  }

  private render(view: View) {
    return renderView(view);
  }
}

/** Longest a card call to Slack may take (the card machinery retries later with the latest state). */
export const CARD_CALL_TIMEOUT_MS = 10_000;

/**
 * The one Web API client for cards and calls: it reports 429 instead of sleeping through
 * Retry-After, gives up on a call after 10 s and does not retry by itself, so a hung or failing
 * call costs one card at most 10 s and the refresher (or the card outbox) decides when to try again.
 */
export function publisherClient(
  apiUrl: string | undefined,
  logger: webApi.WebClientOptions['logger'],
  timeoutMs = CARD_CALL_TIMEOUT_MS,
): webApi.WebClient {
  return new webApi.WebClient(undefined, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    ...(logger ? { logger } : {}),
  });
}
