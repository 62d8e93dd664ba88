import type { View } from '../../src/chat.js';
import { controlsOf, type Clickable, type Numbering } from './render.js';

/** A printed message with controls: its number and its controls by their number within it. */
interface Message {
  n: number;
  /** Control number by identity: kept for the message's life, so numbers never shift. */
  numbers: Map<string, number>;
  controls: Map<number, Clickable>;
}

/** How many messages with controls stay pressable (cards stay as long as the console runs). */
const KEEP = 100;

/**
 * The console's printed messages with controls, numbered in print order: `press 3.2` is control 2 of
 * message 3, whatever was printed since. A card is one message for its whole life: its edits keep
 * its number and each control keeps its own, and pressing acts on the card as it is now.
 */
export class Board {
  private next = 1;
  private readonly messages = new Map<number, Message>();
  private readonly cards = new Map<string, Message>();

  /** Numbering for a new message (it takes a number once it shows a control). */
  fresh(): Numbering {
    let m: Message | undefined;
    return (identity, control) => {
      m ??= this.open();
      return this.number(m, identity, control);
    };
  }

  /**
   * Numbering for the card printed as message `ref` (it takes a number when first printed); with
   * `view`, a card already printed has its controls brought up to date without printing (an edit
   * shown only as a one-line change, or not shown), so a press acts on the card as it is now.
   */
  card(ref: string, view?: View): Numbering {
    let m = this.cards.get(ref);
    const numbering: Numbering = (identity, control) => {
      if (!m) this.cards.set(ref, (m = this.open(false)));
      return this.number(m, identity, control);
    };
    if (m) {
      m.controls.clear();
      if (view) for (const { identity, control } of controlsOf(view)) numbering(identity, control);
    }
    return numbering;
  }

  /** The number a card's control shows (`3.2`), once the card has one. */
  label(ref: string, identity: string): string | undefined {
    const m = this.cards.get(ref);
    const k = m?.numbers.get(identity);
    return m && k !== undefined ? `${m.n}.${k}` : undefined;
  }

  /** The control `press <ref>` names, or a sentence saying why there is none. */
  find(ref: string): { control: Clickable; message: number } | { problem: string } {
    const m = /^(\d{1,6})\.(\d{1,3})$/.exec(ref);
    if (this.messages.size === 0) return { problem: 'There is nothing to press yet.' };
    if (!m)
      return {
        problem: `Press a control by its number in brackets, like \`press ${this.newest()}.1\` (message.control).`,
      };
    const msg = this.messages.get(Number(m[1]));
    if (!msg)
      return { problem: `There is no message ${m[1]} with controls; the newest is ${this.newest()}.` };
    const control = msg.controls.get(Number(m[2]));
    if (!control) {
      const have = [...msg.controls.keys()].sort((a, b) => a - b).map((k) => `${msg.n}.${k}`);
      return {
        problem: have.length
          ? `Message ${msg.n} has no control ${m[2]}; it has ${have.join(', ')}.`
          : `Message ${msg.n} has no controls any more.`,
      };
    }
    return { control, message: msg.n };
  }

  private newest(): number {
    return Math.max(...this.messages.keys());
  }

  private open(evictable = true): Message {
    const m: Message = { n: this.next++, numbers: new Map(), controls: new Map() };
    this.messages.set(m.n, m);
    if (evictable) {
      const cardNumbers = new Set([...this.cards.values()].map((c) => c.n));
      const old = [...this.messages.keys()].filter((n) => !cardNumbers.has(n));
      for (const n of old.slice(0, Math.max(0, old.length - KEEP))) this.messages.delete(n);
    }
    return m;
  }

  private number(m: Message, identity: string, control: Clickable): string {
    let k = m.numbers.get(identity);
    if (k === undefined) m.numbers.set(identity, (k = m.numbers.size + 1));
    m.controls.set(k, control);
    return `${m.n}.${k}`;
  }
}
