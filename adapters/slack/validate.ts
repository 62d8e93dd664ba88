// Inline errors for modal submissions. Slack only shows field errors in the ack of the submission,
// which must come within 3 s and before any Video API call, so the command's own zod schema is run
// here (pure, no I/O) and each issue is pinned to the field that caused it.
import type { Modal } from '../../src/chat.js';
import { actionToInvocation } from '../../commands/actions.js';
import { formatIssues } from '../../commands/errors.js';
import { commandByName } from '../../commands/lookup.js';
import { dialTarget } from '../../commands/sip-uri.js';
import { typedOptions } from '../../commands/typed.js';
import type { Command } from '../../commands/types.js';
import { truncate } from './mrkdwn.js';
import { validateFields, type SubmittedFields } from './modal.js';

// Checks a command makes in run() rather than in its schema, repeated here (pure) so the form can
// point at the field instead of closing and answering with an error message.
const EXTRA_CHECKS: Record<string, (fields: SubmittedFields) => void> = {
  dial: (f) => void (typeof f.uri === 'string' && dialTarget(f.uri)),
};

const norm = (id: string) => id.toLowerCase().replace(/_/g, '-');

function fieldFor(modal: Modal, option: unknown): string {
  const name = typeof option === 'string' ? option : '';
  const hit =
    modal.fields.find((f) => norm(f.id) === name) ??
    modal.fields.find((f) => norm(f.id).startsWith(`${name}-`));
  return (hit ?? modal.fields[0])?.id ?? 'form';
}

/** Returns errors by field id (empty when the submission may go ahead). */
export function submissionErrors(
  modal: Modal,
  key: string,
  fields: SubmittedFields,
  list: readonly Command[],
): Record<string, string> {
  const local = validateFields(modal, fields);
  if (Object.keys(local).length > 0) return local;
  try {
    const probe = { platform: 'slack' as const, teamId: '', channelId: '' };
    const inv = actionToInvocation(
      {
        actor: { ...probe, id: '', name: '', moderator: false },
        place: probe,
        action: modal.action,
        key,
        fields,
        source: 'modal',
      },
      list,
    );
    const cmd = inv.command ? commandByName(list, inv.command) : undefined;
    if (!cmd) return {};
    const parsed = cmd.schema.safeParse(typedOptions(inv.options, cmd));
    if (parsed.success) {
      EXTRA_CHECKS[modal.action]?.(fields);
      return {};
    }
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const id = fieldFor(modal, issue.path[0]);
      errors[id] ??= truncate(formatIssues([issue], cmd.options).replace(/`/g, ''), 300);
    }
    return errors;
  } catch (err) {
    // CommandError from mapping (e.g. URL without stream key): one sentence on the first field it names.
    const message = err instanceof Error ? err.message.replace(/`/g, '') : 'The form is not valid.';
    const named = modal.fields.find((f) => message.toLowerCase().includes(f.label.toLowerCase()))?.id;
    const target = /stream key|rtmp/i.test(message)
      ? modal.fields.find((f) => /_url$/.test(f.id))?.id
      : named;
    return { [target ?? modal.fields[0]?.id ?? 'form']: truncate(message, 300) };
  }
}
