import type { Ask as Asked, ChatRequest, Opening } from '../../commands/front-door.js';
import type { Confirm, Modal } from '../../src/chat.js';
import type { Clickable } from './render.js';

/** How a click asks for more input: print a question, read the next line. */
export type Ask = (question: string, opts?: { secret?: boolean }) => Promise<string | null>;

/**
 * What a click becomes: an action to run, a sentence (a link, cancelled, bad choice, refused), or a
 * line typed at a confirmation that is a command of its own (the click is cancelled and it runs).
 */
export type ClickResult =
  | { kind: 'action'; ask: Extract<Asked, { kind: 'action' }>; source: ChatRequest['source'] }
  | { kind: 'say'; text: string; error?: boolean }
  | { kind: 'line'; line: string };

/** What a click needs besides the control. */
export interface ClickContext {
  ask: Ask;
  /**
   * The core's check of a control that opens a confirmation or a form (the meeting's channel, the
   * clicker's role), run before asking anything, so a participant is refused before "End the meeting?".
   */
  open(action: string, key: string): Promise<Opening>;
  /** What the control acts on when no menu choice names it (the card's title). */
  subject?: string;
  /** Whether an answer is a console command rather than an answer (`/video …`, `press …`). */
  isCommand(line: string): boolean;
}

/**
 * Turns `press <m.n> [choice]` into an action request like a platform click: a link button shows its
 * URL, a confirm asks y/N naming its target, a modal asks for each field in order (secret fields are
 * never echoed), a select takes a choice by number or label.
 */
export async function click(
  target: Clickable,
  choice: string | undefined,
  cx: ClickContext,
): Promise<ClickResult> {
  const { ask } = cx;
  if (target.kind === 'select') {
    const s = target.select;
    const pick =
      choice ??
      (await ask(
        `${s.placeholder} ${s.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ')}\nchoose> `,
      )) ??
      '';
    const n = Number(pick);
    const opt =
      Number.isInteger(n) && n >= 1
        ? s.options[n - 1]
        : s.options.find(
            (o) => o.label.toLowerCase() === pick.trim().toLowerCase() || o.value === pick.trim(),
          );
    if (!opt) return { kind: 'say', text: `No such choice \`${pick}\`; pick a number from the list.` };
    if (s.confirm) {
      const opening = await cx.open(s.action, s.key);
      if (!opening.ok) return { kind: 'say', text: opening.text, error: true };
      const answer = await confirmed(opening.confirm ?? s.confirm, opt.label, cx);
      if (answer !== true) return answer;
    }
    return {
      kind: 'action',
      ask: { kind: 'action', action: s.action, key: s.key, value: opt.value },
      source: 'select',
    };
  }
  const b = target.button;
  if (b.url) return { kind: 'say', text: `Open ${b.url}` };
  let modal = b.modal;
  if (b.confirm || b.modal) {
    const opening = await cx.open(b.action, b.key);
    if (!opening.ok) return { kind: 'say', text: opening.text, error: true };
    // The form as the meeting is now (the DTMF form lists today's phone legs).
    modal = b.modal ? (opening.modal ?? b.modal) : undefined;
    if (b.confirm) {
      const answer = await confirmed(opening.confirm ?? b.confirm, cx.subject, cx);
      if (answer !== true) return answer;
    }
  }
  if (modal) {
    const fields = await fillModal(modal, ask);
    if (!fields) return { kind: 'say', text: 'Cancelled.' };
    return {
      kind: 'action',
      ask: {
        kind: 'action',
        action: modal.action,
        key: b.key,
        ...(b.value ? { value: b.value } : {}),
        fields,
      },
      source: 'modal',
    };
  }
  return {
    kind: 'action',
    ask: { kind: 'action', action: b.action, key: b.key, ...(b.value ? { value: b.value } : {}) },
    source: 'button',
  };
}

/**
 * Asks a confirmation naming what it acts on ("Remove participant Ada?"): `y` confirms, `n` or
 * nothing cancels, and a console command typed instead cancels and runs as itself.
 */
async function confirmed(
  c: Confirm,
  target: string | undefined,
  cx: ClickContext,
): Promise<true | ClickResult> {
  const title = target ? c.title.replace(/\??$/, ` "${target}"?`) : c.title;
  const answer = (await cx.ask(`${title} ${c.text} [${c.confirm}: y / ${c.deny}: n] `)) ?? '';
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  if (/^\s*(no?)?\s*$/i.test(answer)) return { kind: 'say', text: 'Cancelled.' };
  if (cx.isCommand(answer)) return { kind: 'line', line: answer };
  return { kind: 'say', text: `Cancelled (answer \`y\` to confirm, \`n\` to cancel).` };
}

async function fillModal(modal: Modal, ask: Ask): Promise<Record<string, string | boolean> | null> {
  const fields: Record<string, string | boolean> = {};
  for (const f of modal.fields) {
    const opts = f.options ? ` ${f.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ')}` : '';
    const format = f.kind === 'date' ? ' (YYYY-MM-DD)' : f.kind === 'time' ? ' (HH:MM)' : '';
    const hint =
      f.kind === 'checkbox'
        ? ' [y/N]'
        : f.initial !== undefined && !f.secret
          ? ` [${f.initial}]`
          : f.required
            ? ''
            : ' (optional, Enter to skip)';
    const answer = await ask(`${modal.title} — ${f.label}${format}${opts}${hint}: `, {
      secret: f.secret === true,
    });
    if (answer === null) return null;
    const text = answer.trim();
    if (f.kind === 'checkbox') {
      fields[f.id] = /^y(es)?$/i.test(text);
    } else if (f.kind === 'select' && text) {
      const n = Number(text);
      fields[f.id] = (Number.isInteger(n) && f.options?.[n - 1]?.value) || text;
    } else if (text) {
      fields[f.id] = text;
    } else if (f.initial !== undefined && !f.secret) {
      // Enter keeps what the form showed, as a platform form submitted unchanged would.
      fields[f.id] = f.initial;
    }
  }
  return fields;
}
