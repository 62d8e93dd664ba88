// Slack text helpers: neutral text (**bold**, `code`) to mrkdwn, escaping and Slack's length limits.
// Escaping &, < and > matters for safety: a meeting title like `<!channel>` must not ping anyone.

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
  return text.slice(0, Math.max(0, max - 1)) + '…';
}

/** Escapes the three characters Slack treats as control sequences in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Converts neutral text (`**bold**`, `code`) to escaped Slack mrkdwn, cut to `max`. */
export function toMrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): string {
  const converted = escapeMrkdwn(text).replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
  return truncate(converted, max);
}

/** Neutral text as plain text (markers removed), cut to `max`. */
export function toPlain(text: string, max: number): string {
  return truncate(text.replace(/\*\*([^*\n]+)\*\*/g, '$1'), max);
}

/** A Slack plain_text object. */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: toPlain(text, max) || ' ', emoji: true };
}

/** A Slack mrkdwn text object. */
export function mrkdwn(
  text: string,
  max: number = SLACK_LIMITS.sectionText,
): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: toMrkdwn(text, max) || ' ' };
}

/** A mrkdwn link; the URL is stripped of characters that would break Slack's `<url|label>` syntax. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}
