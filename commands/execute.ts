import type { View } from '../src/chat.js';
import { commandsTotal } from '../src/metrics.js';
import type { AuditRecord } from '../src/store/types.js';
import { isVideoError } from '../src/video/errors.js';
import { auditTarget } from './audit.js';
import { ELSEWHERE, placeMismatch } from './bind.js';
import { CommandError, formatIssues } from './errors.js';
import { findMeeting, meetingByKey } from './meeting.js';
import type { Resolved } from './resolve.js';
import { canModerate, roleOf } from './roles.js';
import type { CommandContext, Invocation } from './types.js';
import { errorView, notice } from './views.js';

// One resolved request through the checks to its command: validate the arguments (zod), find the
// meeting, check that a card control is used in its meeting's channel, check the role, run. What a
// run hands back is its view and the audit entry to store with it, so the caller stores both at once.

/** What a run hands back: its reply, and an audit entry to store together with that reply. */
export interface RunResult {
  view: View;
  audit?: AuditRecord;
}

/** Prefix of the audit detail of a re-run (after an interruption) that the core refused. */
export const INTERRUPTED = 'interrupted, re-run refused: ';

type Outcome = 'ok' | 'denied' | 'invalid' | 'failed';

/**
 * Runs `resolved` for `inv`; never throws. `rerun`: taken over after its first runner died mid-work,
 * so a refusal such as "already being recorded" most likely reports that runner's own effect.
 */
export async function execute(
  resolved: Resolved,
  inv: Invocation,
  ctx: CommandContext,
  rerun: boolean,
): Promise<RunResult> {
  try {
    return await checkAndRun(resolved, inv, ctx, rerun);
  } catch (err) {
    return { view: failureView(err, resolved.command.name, ctx) };
  }
}

async function checkAndRun(
  resolved: Resolved,
  inv: Invocation,
  ctx: CommandContext,
  rerun: boolean,
): Promise<RunResult> {
  const { command, raw } = resolved;
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success)
    throw new CommandError(formatIssues(parsed.error.issues, command.options, raw), command.usage);
  // A control is checked against its meeting's place before anything else is said about that
  // meeting (not even that it has ended, which would name it to another channel).
  const keyed =
    command.needsMeeting && inv.meetingKey !== undefined ? await meetingByKey(inv.meetingKey, ctx) : null;
  const mismatch = keyed ? placeMismatch(keyed, inv.place) : null;
  const meeting = command.needsMeeting && !mismatch ? await findMeeting(inv, ctx, command, keyed) : undefined;
  const args = parsed.data as Record<string, unknown>;
  const entry = (outcome: AuditRecord['outcome'], detail: string | null): AuditRecord => ({
    meetingId: (meeting ?? keyed)?.id ?? null,
    platform: inv.actor.platform,
    actorId: inv.actor.id,
    actorName: inv.actor.name,
    action: command.name,
    target: auditTarget(command, args),
    outcome,
    detail,
    at: ctx.now(),
  });
  if (mismatch) {
    count(command.name, 'denied');
    ctx.log.warn('refused a control used outside its meeting', { command: command.name, why: mismatch });
    return { view: errorView(ELSEWHERE), audit: entry('denied', `control ${mismatch}`) };
  }
  const audited = command.role === 'moderator';
  if (audited && !canModerate(roleOf(inv.actor, meeting, ctx))) {
    count(command.name, 'denied');
    return {
      view: errorView(`Only the meeting's host or a moderator can use \`${command.name}\`.`),
      audit: entry('denied', 'not host or moderator'),
    };
  }
  try {
    // The context is this run's own (contextOf), so the meeting is set on it rather than copied.
    if (meeting) ctx.meeting = meeting;
    const view = await command.run(parsed.data, inv, ctx);
    count(command.name, 'ok');
    return audited ? { view, audit: entry('ok', null) } : { view };
  } catch (err) {
    const refused = err instanceof CommandError || (isVideoError(err) && err.code === 'conflict');
    if (rerun && refused) {
      count(command.name, 'failed');
      const view = notice(
        'info',
        `This request was interrupted when one of our servers stopped, and was run again; it may already have taken effect: ${sentenceOf(err)}`,
      );
      return audited ? { view, audit: entry('failed', `${INTERRUPTED}${detailOf(err)}`) } : { view };
    }
    if (!audited) throw err;
    return { view: failureView(err, command.name, ctx), audit: entry('failed', detailOf(err)) };
  }
}

function sentenceOf(err: unknown): string {
  return err instanceof CommandError ? err.message : (err as { userMessage: string }).userMessage;
}

function detailOf(err: unknown): string {
  if (err instanceof CommandError) return err.message;
  if (isVideoError(err)) return `${err.code}: ${err.userMessage}`;
  return 'unexpected error';
}

/** The one sentence a failure becomes: the person's fixable problem, the Video API's, or ours. */
export function failureView(err: unknown, name: string, ctx: Pick<CommandContext, 'log'>): View {
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
