import type { Ask as Asked, ChatRequest } from '../../commands/front-door.js';
import type { Confirm, Modal } from '../../src/chat.js';
import type { Clickable } from './render.js';

/** How a click asks for more input: print a question, read the next line. */
export type Ask = (question: string, opts?: { secret?: boolean }) => Promise<string | null>;

/** What a click becomes: an action to run, or a sentence (a link, cancelled, bad choice). */
export type ClickResult =
  | { kind: 'action'; ask: Extract<Asked, { kind: 'action' }>; source: ChatRequest['source'] }
  | { kind: 'say'; text: string };

/**
 * Turns `press <n> [choice]` into an action request like a platform click: a link button shows its
 * URL, a confirm asks y/N, a modal asks for each field in order (secret fields are never echoed), a
 * select takes a choice by number or label.
 */
export async function click(target: Clickable, choice: string | undefined, ask: Ask): Promise<ClickResult> {
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
    if (s.confirm && !(await confirmed(s.confirm, ask))) return { kind: 'say', text: 'Cancelled.' };
    return {
      kind: 'action',
      ask: { kind: 'action', action: s.action, key: s.key, value: opt.value },
      source: 'select',
    };
  }
  const b = target.button;
  if (b.url) return { kind: 'say', text: `Open ${b.url}` };
  if (b.confirm && !(await confirmed(b.confirm, ask))) return { kind: 'say', text: 'Cancelled.' };
  if (b.modal) {
    const fields = await fillModal(b.modal, ask);
    if (!fields) return { kind: 'say', text: 'Cancelled.' };
    return {
      kind: 'action',
      ask: {
        kind: 'action',
        action: b.modal.action,
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

async function confirmed(c: Confirm, ask: Ask): Promise<boolean> {
  const answer = await ask(`${c.title} ${c.text} [${c.confirm}: y / ${c.deny}: n] `);
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
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
