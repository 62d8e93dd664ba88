// Neutral text -> Discord markdown. Discord renders a rich markdown in message content, embed
// descriptions and field values: masked links `[x](http://y)`, bare URLs, headings, quotes, lists,
// code fences, spoilers, underline, strike-through. A title, nickname or recording name must show as
// the characters its author typed, never as one of those, so every literal character of neutral text
// is escaped here and only the neutral **bold** and `code` markup becomes Discord markup.
// (`allowed_mentions: { parse: [] }` on every message is what keeps mentions from pinging.)
import { neutralToPlain, renderNeutral } from '../../src/text/neutral.js';

// Inline markup characters, escaped wherever they appear (`\x` renders as `x`). Escaping `[` and `]`
// is enough to break a masked link, and `<` breaks `<#channel>`, `<t:…>` and `<https://…>` forms.
const INLINE = /[\\*_~`|[\]<]/g;
// Block markup at the start of a line: headings (`#`, `-#`), quotes, lists.
const LINE_START = /(^|\n)([ \t]*)([#>+-]|\d+(?=[.)]))/g;

/** Escapes literal text so Discord shows it as typed: no links, headings, quotes or formatting. */
export function escapeDiscord(text: string): string {
  return (
    text
      .replace(INLINE, '\\$&')
      .replace(LINE_START, (_m, nl: string, ws: string, mark: string) =>
        /^\d/.test(mark) ? `${nl}${ws}${mark}\\` : `${nl}${ws}\\${mark}`,
      )
      // A bare URL (any scheme) becomes a link: `https\://x` shows the same text and links nowhere.
      .replace(/:(?=\/\/)/g, '\\:')
  );
}

/** Neutral text as Discord markdown: `**bold**` and `` `code` `` kept, everything else escaped. */
export function toDiscordMarkdown(text: string): string {
  return renderNeutral(text, {
    text: escapeDiscord,
    bold: (s) => `**${escapeDiscord(s)}**`,
    // A code span shows its content verbatim (no link, no formatting); it cannot hold a backtick.
    code: (s) => `\`${s}\``,
  });
}

/** Neutral text for a Discord surface without markdown (labels, placeholders, footers): markers removed. */
export function toDiscordPlain(text: string): string {
  return neutralToPlain(text);
}
