import type { Visibility } from '../src/chat.js';
import { StoreBusyError } from '../src/store/errors.js';
import type { StoreWrite } from '../src/store/types.js';
import type { Ack } from './door-types.js';
import { Accepted, deliveryKey, type DoorState } from './door-state.js';
import { CommandError } from './errors.js';
import type { ChatRequest } from './request.js';
import { resolveAsk, type Resolved } from './resolve.js';
import { storedForm } from './stored.js';

// The first step, before the ack: resolve the request (pure), then one durable write: the pending
// row under the delivery's ID, the only "already handled" record (and, for a click, the double-click
// claim in the same unit). Writes of one event-loop turn share a transaction (Store.commit). The ack
// must leave within Slack's and Discord's 3 s. A write the store refuses (busy), or one still queued
// when the ack cannot wait longer (its deadline has passed, so the store will refuse it), gets "try
// again in a moment" in the ack: it leaves no trace, so that request never runs. A write already
// being committed then is acked as accepted; the run waits for it and runs the request or, if the
// write failed after all, answers "try again" instead. (A replica killed in that moment loses the
// request: acked, never recorded, never answered.)

const BUSY = 'Video ChatOps is very busy right now; please try again in a minute.';
/** The answer when the store is too slow for the ack. */
export const SLOW = 'Video ChatOps is a little slow right now; please try again in a moment.';
/** How long the store may take by default: past it, a write still queued is refused without running. */
export const STORE_BUDGET_MS = 2000;
/** When the ack goes out by default whatever the store is doing (Slack's and Discord's deadline is 3 s). */
export const ACK_BUDGET_MS = 2500;

/** Accepts `req` or says why not. */
export async function accept(s: DoorState, req: ChatRequest): Promise<Ack> {
  const { store, log, now } = s.services;
  if (s.work.full) return { kind: 'busy', text: BUSY };
  let resolved: Resolved | CommandError;
  try {
    resolved = resolveAsk(req.ask, s.list);
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    resolved = err;
  }
  const visibility: Visibility =
    !(resolved instanceof CommandError) && resolved.command.announces ? 'channel' : 'ephemeral';
  const at = now();
  const unit: StoreWrite[] = [];
  if (req.repeatOf) {
    const { key, windowMs } = req.repeatOf;
    unit.push({ kind: 'claimKey', scope: 'repeat', key, ttlMs: windowMs, at, required: true });
  }
  // A request that does not resolve runs no work: nothing to recover, so nothing to record.
  const recovery = s.recoveries.get(req.actor.platform);
  const id = req.delivery !== undefined ? deliveryKey(req.actor.platform, req.delivery) : undefined;
  const durable = recovery !== undefined && id !== undefined && !(resolved instanceof CommandError);
  if (durable) unit.push(recovery.recordWrite(id, storedForm(req, resolved as Resolved, visibility), at));
  const accepted = (pendingId?: string, recording?: Promise<boolean[]>): Ack => ({
    kind: 'accepted',
    ticket: new Accepted(req, resolved, visibility, pendingId, false, recording),
    visibility,
  });
  if (unit.length === 0) return accepted();

  let started = false;
  const committing = store.commit(unit, { deadlineMs: s.budgets.storeMs, onStart: () => (started = true) });
  let applied: boolean[] | undefined;
  const ackBy = delay(s.budgets.ackMs);
  try {
    applied = await Promise.race([committing, ackBy.done]);
  } catch (err) {
    if (err instanceof StoreBusyError) return { kind: 'busy', text: SLOW };
    log.warn('could not record a request before its ack; running it without a durable record', { err });
    return accepted();
  } finally {
    ackBy.cancel();
  }
  if (applied === undefined) {
    // The ack cannot wait any longer. Still queued: it will be refused (its deadline has passed),
    // so "try again" is true. Already being written: acked; the run waits for the write.
    if (!started) {
      committing.catch(() => undefined);
      return { kind: 'busy', text: SLOW };
    }
    return accepted(durable ? id : undefined, committing);
  }
  // Another delivery of the same request recorded it first, or this is a double click.
  if (applied.some((a) => !a)) return { kind: 'repeat' };
  return accepted(durable ? id : undefined);
}

/** Resolves `done` after `ms` unless cancelled first (the write usually wins: its timer is then cleared). */
function delay(ms: number): { done: Promise<undefined>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return { done, cancel: () => clearTimeout(timer) };
}
