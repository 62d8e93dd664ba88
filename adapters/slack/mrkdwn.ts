// Slack text helpers: neutral text (**bold**, `code`) to mrkdwn, escaping and Slack's length limits.
// Escaping &, < and > matters for safety: a meeting title like `<!channel>` must not ping anyone, and
// `<http://x|click>` must not become a link. Every Slack-rendered string goes through toMrkdwn or
// toPlain (plain_text and fallback text included), so no command has to remember to escape.
import { neutralToPlain, renderNeutral } from '../../src/text/neutral.js';

/** Slack's documented text limits for the Block Kit objects this adapter produces. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  elementsPerActions: 25,
  fieldsPerSection: 10,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  inputHint: 2000,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

/** Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half an entity (`&am`) before the ellipsis.
  return text.slice(0, Math.max(0, max - 1)).replace(/&[a-z]{0,3}$/, '') + '…';
}

/** Escapes the three characters Slack treats as control sequences (`<!channel>`, `<url|label>`, `&amp;`). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Decodes what Slack escaped in text it sent us (slash-command text arrives with `&amp;`, `&lt;`,
 * `&gt;`), once, at the edge, so that re-escaping on the way out never yields `&amp;amp;`.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Converts neutral text (`**bold**`, `` `code` ``, everything else literal) to Slack mrkdwn, cut to
 * `max`. Every literal character is escaped, so user text can neither ping (`<!channel>`) nor link.
 */
export function toMrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): string {
  const converted = renderNeutral(text, {
    text: escapeMrkdwn,
    bold: (s) => `*${escapeMrkdwn(s)}*`,
    code: (s) => `\`${escapeMrkdwn(s)}\``,
  });
  return truncate(converted, max);
}

/** Neutral text for a plain_text field or a message's fallback `text`: markers removed, escaped, cut to `max`. */
export function toPlain(text: string, max: number): string {
  return truncate(escapeMrkdwn(neutralToPlain(text)), max);
}

/** A Slack plain_text object. */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: toPlain(text, max) || ' ', emoji: true };
}

/**
 * A Slack mrkdwn text object. `verbatim` stops Slack from turning bare URLs, channel names and
 * `@here`-like words into links or mentions: only markup we wrote ourselves (`<url|label>`) is live.
 */
export function mrkdwn(
  text: string,
  max: number = SLACK_LIMITS.sectionText,
): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text: toMrkdwn(text, max) || ' ', verbatim: true };
}

/** A mrkdwn link; the URL is stripped of characters that would break Slack's `<url|label>` syntax. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(neutralToPlain(label)).replace(/\|/g, '¦')}>`;
}
