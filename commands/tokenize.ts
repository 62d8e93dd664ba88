import { CommandError } from './errors.js';

/** Longest command text accepted; anything longer is refused before any parsing. */
export const MAX_INPUT = 4000;

/** A word of command text; `quoted` when any part of it was in quotes (so `"--x"` is not a flag). */
export interface Token {
  text: string;
  quoted: boolean;
}

const ANGLE = /^<(?:@|#|!|(?:https?|rtmps?|wss?|sips?|tel|mailto):)[^<>\n]*>/i;
const OPEN_DOUBLE = new Set(['"', '\u201c', '\u201d']);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Splits text shell-like: whitespace separates words, '...' is literal, "..." (and Slack's curly
 * “...”) allows \" and \\ escapes, a backslash outside quotes escapes the next character. An
 * apostrophe inside a word (`Alice's`) is literal, because people type them in titles.
 */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_INPUT) {
    throw new CommandError(
      `That command is too long (${text.length} characters); the limit is ${MAX_INPUT}.`,
    );
  }
  const tokens: Token[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  const end = () => {
    if (inWord) tokens.push({ text: cur, quoted });
    cur = '';
    inWord = false;
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      end();
    } else if (c === '<' && !inWord && ANGLE.test(text.slice(i))) {
      // Slack's <@U1|Ann Lee>, <https://x|label>, <tel:…|+1 415…> are one word even with spaces inside.
      const close = text.indexOf('>', i);
      cur += text.slice(i, close + 1);
      i = close;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length)
        throw new CommandError('The command ends with a lone backslash: remove it or escape it as `\\\\`.');
      cur += text[++i];
      inWord = true;
    } else if (c === "'" && !(isWordChar(text[i - 1]) && isWordChar(text[i + 1]))) {
      const close = text.indexOf("'", i + 1);
      if (close < 0)
        throw new CommandError("There is an unclosed ' quote: close it, or write an apostrophe as `\\'`.");
      cur += text.slice(i + 1, close);
      i = close;
      inWord = quoted = true;
    } else if (OPEN_DOUBLE.has(c)) {
      i = readDouble(text, i, (s) => (cur += s));
      inWord = quoted = true;
    } else {
      cur += c;
      inWord = true;
    }
  }
  end();
  return tokens;
}

/** Reads a double-quoted part starting at `start`; returns the index of its closing quote. */
function readDouble(text: string, start: number, push: (s: string) => void): number {
  const closer = text[start] === '\u201c' ? '\u201d' : text[start] === '"' ? '"' : '\u201d';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === closer)) {
      push(text[++i]!);
    } else if (c === closer || (closer === '\u201d' && c === '"')) {
      return i;
    } else {
      push(c);
    }
  }
  throw new CommandError('There is an unclosed " quote: close it, or escape a literal quote as `\\"`.');
}

const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/;

/** The user ID of a Slack (`<@U123>`, `<@U123|name>`) or Discord (`<@123>`, `<@!123>`) mention, else null. */
export function mentionUserId(text: string): string | null {
  return MENTION.exec(text.trim())?.[1] ?? null;
}

const LINK = /^<((?:https?|rtmps?|wss?|sips?|tel):[^|>\s]+)(?:\|[^>]*)?>$/i;

/** Slack formats links as `<url>` or `<url|label>` (and phone numbers as `<tel:…>`): the bare URL or number. */
export function unwrapLink(text: string): string {
  const url = LINK.exec(text)?.[1];
  if (!url) return text;
  return url.toLowerCase().startsWith('tel:') ? url.slice(4) : url;
}
