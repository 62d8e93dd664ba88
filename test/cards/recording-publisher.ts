import {
  PlatformRateLimitedError,
  type CardPublisher,
  type MessageRef,
  type Place,
  type View,
} from '../../src/chat.js';

/** A CardPublisher that records what it was asked to do (the chat platform boundary, faked). */
export class RecordingPublisher implements CardPublisher {
  readonly posts: Array<{ place: Place; view: View; ref: MessageRef }> = [];
  readonly updates: Array<{ ref: MessageRef; view: View; at: number }> = [];
  /** Retry-After values (ms) to answer the next updates with, one per update. */
  readonly rateLimits: number[] = [];
  readonly refusals: Array<{ at: number; retryAfterMs: number }> = [];
  private next = 1;

  constructor(readonly platform: 'shell' | 'slack' | 'discord' = 'shell') {}

  async post(place: Place, view: View): Promise<MessageRef> {
    const ref = {
      platform: this.platform,
      teamId: place.teamId,
      channelId: place.channelId,
      messageId: `m${this.next++}`,
    };
    this.posts.push({ place, view, ref });
    return ref;
  }

  async update(ref: MessageRef, view: View): Promise<void> {
    const wait = this.rateLimits.shift();
    if (wait !== undefined) {
      this.refusals.push({ at: Date.now(), retryAfterMs: wait });
      throw new PlatformRateLimitedError(wait);
    }
    this.updates.push({ ref, view, at: Date.now() });
  }

  /** The latest content of a message (its last update, else what was posted). */
  latest(messageId: string): View | undefined {
    const u = this.updates.filter((x) => x.ref.messageId === messageId).at(-1);
    return u?.view ?? this.posts.find((p) => p.ref.messageId === messageId)?.view;
  }
}

/** All text of a view, one string, for simple assertions. */
export function textOf(view: View | undefined): string {
  if (!view) return '';
  const parts: string[] = [view.title ?? ''];
  for (const b of view.blocks) {
    if (b.type === 'text' || b.type === 'context' || b.type === 'notice') parts.push(b.text);
    else if (b.type === 'fields') parts.push(...b.fields.map((f) => `${f.label}: ${f.value}`));
    else if (b.type === 'buttons') parts.push(...b.buttons.map((x) => `[${x.label}]`));
    else if (b.type === 'link') parts.push(`${b.label} ${b.url}`);
    else if (b.type === 'select') parts.push(`<${b.select.placeholder}>`);
  }
  return parts.join('\n');
}
