import type { Visibility } from '../src/chat.js';
import type { Ack } from './door-types.js';
import { Accepted, type DoorState } from './door-state.js';
import { CommandError } from './errors.js';
import { deliveryKey } from './idempotency.js';
import type { ChatRequest } from './request.js';
import { resolveAsk, type Resolved } from './resolve.js';
import { storedForm } from './stored.js';

// The first step, before the ack: resolve the request (pure), refuse a double click, and write the
// one durable record (the pending row under the delivery's ID: the only "already handled" record),
// within the ack's deadline.

const BUSY = 'Video ChatOps is very busy right now; please try again in a minute.';
/** The answer when the store is too slow for the ack. */
export const SLOW = 'Video ChatOps is a little slow right now; please try again in a moment.';
/** The ack must leave within 3 s: the durable record gets this long, then the answer is SLOW. */
const ACK_BUDGET_MS = 2000;

/** Accepts `req` or says why not. */
export async function accept(s: DoorState, req: ChatRequest): Promise<Ack> {
  const { store, log } = s.services;
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
  if (req.repeatOf) {
    try {
      if (!(await store.claimKey('repeat', req.repeatOf.key, req.repeatOf.windowMs, s.services.now())))
        return { kind: 'repeat' };
    } catch (err) {
      log.warn('could not check for a double click; running the request', { err });
    }
  }
  const recovery = s.recoveries.get(req.actor.platform);
  // A request that does not resolve runs no work: nothing to recover, so nothing to record.
  if (req.delivery === undefined || !recovery || resolved instanceof CommandError)
    return { kind: 'accepted', ticket: new Accepted(req, resolved, visibility), visibility };
  const id = deliveryKey(req.actor.platform, req.delivery);
  const stored = storedForm(req, resolved, visibility);
  const recording = recovery.record(id, 'request', stored);
  const outcome = await Promise.race([recording, delay(ACK_BUDGET_MS)]);
  if (outcome === undefined) {
    // Too slow for the ack: answer "try again" and make sure the late record never runs.
    void recording.then((r) => r === 'new' && recovery.run(id, async () => undefined));
    return { kind: 'busy', text: SLOW };
  }
  if (outcome === 'repeat') return { kind: 'repeat' };
  // The live run has the secrets the stored form left out.
  return { kind: 'accepted', ticket: new Accepted(req, resolved, visibility, id), visibility };
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
}
