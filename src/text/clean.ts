// User-supplied names and titles enter the bot from several edges (the command parser, platform
// profiles, Video API connection data and stream names). Invisible control characters and bidi
// overrides in them can reorder what a channel sees ("evil.exe" shown as "exe.live") or break the
// layout of a card, so each edge passes them through here once, and everything after trusts them.

// C0 controls except tab and newline, DEL, C1 controls (matching them is the point of this regex).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder the text
// around them. The plain marks (U+200E, U+200F, U+061C) only nudge neutral characters and stay.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// Line and paragraph separators render as line breaks on some clients.
const SEPARATORS = /[\u2028\u2029]/g;

/** Options of {@link cleanText}. */
export interface CleanOptions {
  /** Keep newlines (`\n`; `\r\n` and `\r` become `\n`); otherwise every line break becomes a space. */
  multiline?: boolean;
}

/**
 * Strips control characters and bidi overrides from user-supplied text (titles, names); tabs become
 * spaces and line breaks become spaces unless `multiline`. Safe to call twice (idempotent).
 */
export function cleanText(text: string, opts: CleanOptions = {}): string {
  let out = text.replace(/\r\n?/g, '\n').replace(SEPARATORS, '\n').replace(/\t/g, ' ');
  if (!opts.multiline) out = out.replace(/\n/g, ' ');
  return out.replace(CONTROLS, '').replace(BIDI, '');
}

/** {@link cleanText} for a one-line name or title, trimmed; `null`/`undefined` pass through. */
export function cleanName<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? cleanText(text).trim() : text) as T;
}
