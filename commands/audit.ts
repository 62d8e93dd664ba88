import type { Actor } from '../src/chat.js';
import type { Command, CommandContext } from './types.js';
import { redactUri } from './views.js';

/** The audited target of a moderation command: its first positional argument, credentials removed. */
export function auditTarget(cmd: Command, args: Record<string, unknown> | undefined): string | null {
  const first = cmd.options.find((o) => o.positional);
  const value = first && args ? args[first.name] : undefined;
  if (value === undefined || value === null) return null;
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return redactUri(text).slice(0, 200);
}

/** Writes one audit entry; a failing audit write is logged, never turned into a failed command. */
export async function writeAudit(
  ctx: CommandContext,
  entry: {
    cmd: Command;
    actor: Actor;
    meetingId: string | null;
    target: string | null;
    outcome: 'ok' | 'denied' | 'failed';
    detail: string | null;
  },
): Promise<void> {
  try {
    await ctx.store.audit({
      meetingId: entry.meetingId,
      platform: entry.actor.platform,
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      action: entry.cmd.name,
      target: entry.target,
      outcome: entry.outcome,
      detail: entry.detail,
      at: ctx.now(),
    });
  } catch (err) {
    ctx.log.error('audit write failed', { action: entry.cmd.name, err });
  }
}
