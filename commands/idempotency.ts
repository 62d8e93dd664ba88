import type { Platform, View } from '../src/chat.js';
import type { AuditRecord, Store } from '../src/store/types.js';
import type { CommandContext } from './types.js';
import { notice } from './views.js';

/** How long a platform delivery ID is remembered (Slack and Discord retry within minutes). */
export const IDEMPOTENCY_TTL_MS = 60 * 60_000;
const SCOPE = 'command';
// Stored in place of a reply when a delivery is taken over from a runner that died mid-work.
const TAKEN_OVER = '"taken-over"';

/** What a run hands back: its reply, and an audit entry to store together with that reply. */
export interface RunResult {
  view: View;
  audit?: AuditRecord;
}

/**
 * Runs `work` once per delivery key across retries and replicas: the first caller runs it and stores
 * its reply (with its audit entry, in one transaction where the store can); a repeat gets that same
 * reply (or, while the first is still running, a short notice). A delivery taken over after its
 * runner died mid-work runs again with `rerun` true: the dead runner may have had its effect already.
 */
export async function once(
  ctx: CommandContext,
  key: string,
  work: (rerun: boolean) => Promise<RunResult>,
): Promise<View> {
  const first = await ctx.store.claimKey(SCOPE, key, IDEMPOTENCY_TTL_MS, ctx.now());
  let rerun = false;
  if (!first) {
    const previous = await ctx.store.getKeyResult(SCOPE, key);
    if (previous === TAKEN_OVER) rerun = true;
    else if (previous) return JSON.parse(previous) as View;
    else return notice('info', 'That request is already being handled.');
  }
  const { view, audit } = await work(rerun);
  const result = JSON.stringify(view);
  try {
    if (audit) await ctx.store.setKeyResultWithAudit(SCOPE, key, result, audit);
    else await ctx.store.setKeyResult(SCOPE, key, result);
  } catch (err) {
    ctx.log.warn('could not store a reply for idempotency', { err });
    if (audit) await writeAuditRecord(ctx, audit);
  }
  return view;
}

/** Appends an audit entry; a failing write is logged, never turned into a failed command. */
export async function writeAuditRecord(ctx: CommandContext, entry: AuditRecord): Promise<void> {
  try {
    await ctx.store.audit(entry);
  } catch (err) {
    ctx.log.error('audit write failed', { action: entry.action, err });
  }
}

/** The key `once` runs a delivery under: the platform, then the adapter's own idempotency key. */
export const deliveryKey = (platform: Platform, idempotencyKey: string): string =>
  `${platform}:${idempotencyKey}`;

/**
 * Marks a delivery whose runner died before storing its reply as taken over, so that `once` runs
 * it again (as a re-run) for the replica taking it over; a stored reply is kept, and a re-run then
 * returns it with no new effect. Only for a delivery nobody else runs (its pending command was
 * taken over atomically).
 */
export async function takeOverUnfinished(
  store: Pick<Store, 'takeOverUnfinishedKey'>,
  key: string,
): Promise<boolean> {
  return store.takeOverUnfinishedKey(SCOPE, key, TAKEN_OVER);
}
