import type { View } from '../src/chat.js';
import { commandsTotal } from '../src/metrics.js';
import { isVideoError } from '../src/video/errors.js';
import { actionToInvocation } from './actions.js';
import { auditTarget, writeAudit } from './audit.js';
import { CommandError, formatIssues } from './errors.js';
import { deliveryKey, once, writeAuditRecord, type RunResult } from './idempotency.js';
import { commandByName, lookupCommand } from './lookup.js';
import { findMeeting } from './meeting.js';
import { parseOptions } from './parse.js';
import { commands } from './registry.js';
import { canModerate, roleOf } from './roles.js';
import { tokenize } from './tokenize.js';
import { typedOptions } from './typed.js';
import type { AuditRecord } from '../src/store/types.js';
import type { ActionRequest, Command, CommandContext, Invocation } from './types.js';
import { errorView, notice } from './views.js';

type Outcome = 'ok' | 'denied' | 'invalid' | 'failed';

/** Runs one request through the core: parse, validate, find the meeting, check the role, run. Never throws. */
export async function dispatch(inv: Invocation, ctx: CommandContext): Promise<View> {
  let name = 'unknown';
  try {
    const { command, raw } = resolve(inv);
    name = command.name;
    const run = (rerun = false) => execute(command, raw, inv, ctx, rerun);
    if (inv.idempotencyKey) return await once(ctx, deliveryKey(inv.actor.platform, inv.idempotencyKey), run);
    const { view, audit } = await run();
    if (audit) await writeAuditRecord(ctx, audit);
    return view;
  } catch (err) {
    return failure(err, name, ctx);
  }
}

/** Runs a card click (button, select, modal submission) as the command its action names. Never throws. */
export async function dispatchAction(req: ActionRequest, ctx: CommandContext): Promise<View> {
  try {
    return await dispatch(actionToInvocation(req, commands), ctx);
  } catch (err) {
    return failure(err, 'unknown', ctx);
  }
}

function resolve(inv: Invocation): { command: Command; raw: Record<string, unknown> } {
  if (inv.command !== undefined) {
    const command = commandByName(commands, inv.command);
    if (!command) return { ...lookupCommand(commands, tokenize(inv.command)), raw: {} };
    return { command, raw: typedOptions(inv.options, command) };
  }
  const tokens = tokenize(inv.text ?? '');
  if (tokens.length === 0) return { command: commandByName(commands, 'help')!, raw: {} };
  const { command, rest } = lookupCommand(commands, tokens);
  return { command, raw: parseOptions(rest, command) };
}

async function execute(
  command: Command,
  raw: Record<string, unknown>,
  inv: Invocation,
  ctx: CommandContext,
  rerun: boolean,
): Promise<RunResult> {
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success)
    throw new CommandError(formatIssues(parsed.error.issues, command.options, raw), command.usage);
  const meeting = command.needsMeeting ? await findMeeting(inv, ctx, command) : undefined;
  const audited = command.role === 'moderator';
  const args = parsed.data as Record<string, unknown>;
  const base = {
    cmd: command,
    actor: inv.actor,
    meetingId: meeting?.id ?? null,
    target: auditTarget(command, args),
  };
  if (audited && !canModerate(roleOf(inv.actor, meeting, ctx))) {
    await writeAudit(ctx, { ...base, outcome: 'denied', detail: 'not host or moderator' });
    count(command.name, 'denied');
    return { view: errorView(`Only the meeting's host or a moderator can use \`${command.name}\`.`) };
  }
  // The entry of a run that returns a reply is stored with that reply (see once()), so that a crash
  // between the two cannot leave a command audited twice or not at all.
  const entry = (outcome: 'ok' | 'failed', detail: string | null): AuditRecord => ({
    meetingId: base.meetingId,
    platform: inv.actor.platform,
    actorId: inv.actor.id,
    actorName: inv.actor.name,
    action: command.name,
    target: base.target,
    outcome,
    detail,
    at: ctx.now(),
  });
  try {
    const view = await command.run(parsed.data, inv, meeting ? { ...ctx, meeting } : ctx);
    count(command.name, 'ok');
    return audited ? { view, audit: entry('ok', null) } : { view };
  } catch (err) {
    // A re-run after its first runner died mid-work: a refusal such as "already being recorded" most
    // likely reports that runner's own effect, so the person is told so rather than shown an error.
    const refused = err instanceof CommandError || (isVideoError(err) && err.code === 'conflict');
    if (rerun && refused) {
      count(command.name, 'failed');
      const why = err instanceof CommandError ? err.message : (err as { userMessage: string }).userMessage;
      const view = notice(
        'info',
        `This request was interrupted when one of our servers stopped, and was run again; it may already have taken effect: ${why}`,
      );
      return audited ? { view, audit: entry('failed', `${INTERRUPTED}${detailOf(err)}`) } : { view };
    }
    if (audited) await writeAudit(ctx, { ...base, outcome: 'failed', detail: detailOf(err) });
    throw err;
  }
}

/** Prefix of the audit detail of a re-run (after an interruption) that the core refused. */
export const INTERRUPTED = 'interrupted, re-run refused: ';

function detailOf(err: unknown): string {
  if (err instanceof CommandError) return err.message;
  if (isVideoError(err)) return `${err.code}: ${err.userMessage}`;
  return 'unexpected error';
}

function failure(err: unknown, name: string, ctx: CommandContext): View {
  if (err instanceof CommandError) {
    count(name, name === 'unknown' || err.usage ? 'invalid' : 'failed');
    return errorView(err.message, err.usage, err.level);
  }
  count(name, 'failed');
  if (isVideoError(err)) {
    ctx.log.warn('video api call failed', {
      command: name,
      code: err.code,
      status: err.status,
      requestId: err.requestId,
    });
    return errorView(err.userMessage);
  }
  ctx.log.error('command failed unexpectedly', { command: name, err });
  return errorView(
    `Something went wrong running \`${name === 'unknown' ? 'that command' : name}\`; it has been logged, please try again.`,
  );
}

function count(name: string, outcome: Outcome): void {
  commandsTotal.inc({ name, outcome });
}
