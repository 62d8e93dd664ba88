import type { Confirm, Modal, View } from '../src/chat.js';
import { CommandError, formatIssues } from './errors.js';
import type { FormFields } from './request.js';
import { commandOfAction, resolveAsk } from './resolve.js';
import type { Command } from './types.js';

// The forms and confirmations of a card's controls, found on the meeting's freshly rendered card
// (right on every replica, and current: the DTMF form lists today's phone legs), and the check of a
// submitted form, pinned to its fields, before anything runs (Slack shows field errors only in the
// ack of the submission, so this must be pure but for the store).

/** What a control opens before it runs. */
export interface Form {
  modal?: Modal;
  confirm?: Confirm;
}

/** The form and confirmation of the control with `action` on `view`, if it has any. */
export function formIn(view: View | null, action: string): Form | undefined {
  for (const block of view?.blocks ?? []) {
    if (block.type === 'buttons') {
      const b = block.buttons.find((x) => x.action === action && (x.modal || x.confirm));
      if (b) return { ...(b.modal ? { modal: b.modal } : {}), ...(b.confirm ? { confirm: b.confirm } : {}) };
    } else if (block.type === 'select' && block.select.action === action && block.select.confirm) {
      return { confirm: block.select.confirm };
    }
  }
  return undefined;
}

/** Checks the form's own constraints (required, length, whole numbers); returns errors by field ID. */
export function fieldErrors(modal: Modal, fields: FormFields): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of modal.fields) {
    const v = fields[f.id];
    if (f.required && f.kind !== 'checkbox' && (v === undefined || v === ''))
      errors[f.id] = `${f.label} is required.`;
    else if (typeof v === 'string' && f.maxLength && v.length > f.maxLength)
      errors[f.id] = `${f.label} must be at most ${f.maxLength} characters.`;
    else if (f.kind === 'number' && typeof v === 'string' && !/^-?\d+$/.test(v))
      errors[f.id] = `${f.label} must be a whole number.`;
  }
  return errors;
}

const norm = (id: string) => id.toLowerCase().replace(/_/g, '-');

/** The form field an option (or a named field) belongs to: same name, or the option's `<name>_x` part. */
function fieldFor(modal: Modal, name: unknown): string {
  const n = typeof name === 'string' ? norm(name) : '';
  const hit =
    modal.fields.find((f) => norm(f.id) === n) ?? modal.fields.find((f) => norm(f.id).startsWith(`${n}-`));
  return (hit ?? modal.fields[0])?.id ?? 'form';
}

/**
 * Errors of a submission of `modal` (run as its action on meeting `key`), by field ID: the form's own
 * constraints, then the command's schema, each issue on the field of the option it is about.
 * Empty when the submission may go ahead.
 */
export function submissionErrors(
  modal: Modal,
  key: string,
  fields: FormFields,
  list: readonly Command[],
): Record<string, string> {
  const local = fieldErrors(modal, fields);
  if (Object.keys(local).length > 0) return local;
  let command: Command | undefined;
  try {
    command = commandOfAction(modal.action, list);
    if (!command) return {};
    const { raw } = resolveAsk({ kind: 'action', action: modal.action, key, fields }, list);
    const parsed = command.schema.safeParse(raw);
    if (parsed.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const id = fieldFor(modal, issue.path[0]);
      errors[id] ??= plainSentence(formatIssues([issue], command.options));
    }
    return errors;
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    return { [err.field ? fieldFor(modal, err.field) : fieldFor(modal, '')]: plainSentence(err.message) };
  }
}

/** Form errors show as plain text: no code marks, at most 300 characters. */
function plainSentence(text: string): string {
  const plain = text.replace(/`/g, '');
  return plain.length > 300 ? `${plain.slice(0, 299)}…` : plain;
}
