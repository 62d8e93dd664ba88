// The Slack CardPublisher: a card is an ordinary bot message (chat.postMessage) edited in place by
// the core's refresher (chat.update). Rate limits are not retried here: a 429 becomes
// PlatformRateLimitedError so the refresher defers the card by Retry-After and the newest state wins.
import { webApi } from '@slack/bolt';
import {
  PlatformRateLimitedError,
  type CardPublisher,
  type MessageRef,
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

  private render(view: View) {
    return renderView(view);
  }
}

/** A Web API client that reports 429 instead of sleeping through Retry-After. */
export function publisherClient(
  apiUrl: string | undefined,
  logger: webApi.WebClientOptions['logger'],
): webApi.WebClient {
  return new webApi.WebClient(undefined, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    ...(logger ? { logger } : {}),
  });
}
