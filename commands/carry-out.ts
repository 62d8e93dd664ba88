import type { View } from '../src/chat.js';
import type { PendingCommandRecord } from '../src/store/types.js';
import type { Ticket } from './door-types.js';
import { Accepted, actorOf, contextOf, portOf, type DoorState } from './door-state.js';
import { CommandError } from './errors.js';
import { execute, failureView, type RunResult } from './execute.js';
import { deliveryKey, once, takeOverUnfinished, writeAuditRecord } from './idempotency.js';
import type { Resolved } from './resolve.js';
import { fromStored, type StoredRequest } from './stored.js';
import type { Invocation } from './types.js';
import { notice } from './views.js';

// The second step, after the ack: the actor's role, the command (its checks and its work), the
// reply delivered through the platform's port, and the pending row marked done. The same step runs
// a request another replica acked and died with, from its stored form.

const ASK_AGAIN =
  'This request was interrupted when one of our servers stopped, before it ran. Stream keys and SIP passwords are never stored, so please send it again.';

/** Queues an accepted request; resolves with its reply once delivered (undefined when it expired). */
export function runTicket(s: DoorState, ticket: Ticket): Promise<View | undefined> {
  const t = ticket as Accepted;
  const recovery = s.recoveries.get(t.request.actor.platform);
  return new Promise((resolve) => {
    const task = async () => {
      const go = () => carryOut(s, t, false);
      resolve(await (t.pendingId && recovery ? recovery.run(t.pendingId, go) : go()));
    };
    s.work.run(task, t.request.replyBy, () => {
      s.services.log.warn('dropped a request whose reply could no longer be delivered when its turn came');
      if (t.pendingId && recovery) void recovery.run(t.pendingId, async () => undefined);
      resolve(undefined);
    });
  });
}

/** Runs a request taken over from a replica that died: its stored reply, or the command again. */
export async function rerunTaken(s: DoorState, taken: PendingCommandRecord): Promise<View> {
  const stored = JSON.parse(taken.payload!) as StoredRequest;
  const { req, resolved } = fromStored(stored, s.list);
  await takeOverUnfinished(s.services.store, taken.id);
  const gone = new CommandError('That command no longer exists; run `/video help` for the list.');
  return carryOut(
    s,
    new Accepted(req, resolved ?? gone, stored.acked, taken.id, Boolean(stored.withheld)),
    true,
  );
}

/** Runs a ticket's command (once per delivery) and delivers its reply; never throws. */
async function carryOut(s: DoorState, t: Accepted, rerun: boolean): Promise<View> {
  const req = t.request;
  const name = t.resolved instanceof CommandError ? 'unknown' : t.resolved.command.name;
  let view: View;
  try {
    if (t.resolved instanceof CommandError) view = failureView(t.resolved, name, s.services);
    else view = await runResolved(s, t, t.resolved, rerun);
  } catch (err) {
    view = failureView(err, name, s.services);
  }
  await portOf(s, req.actor.platform).deliver(req, view, t.acked);
  return view;
}

async function runResolved(s: DoorState, t: Accepted, resolved: Resolved, rerun: boolean): Promise<View> {
  const req = t.request;
  const inv: Invocation = {
    actor: await actorOf(s, req.actor, req.place),
    place: req.place,
    source: req.source,
    ...(resolved.meetingKey !== undefined ? { meetingKey: resolved.meetingKey } : {}),
    ...(req.delivery !== undefined ? { idempotencyKey: req.delivery } : {}),
  };
  const go = async (again: boolean): Promise<RunResult> =>
    t.withheld ? { view: notice('warning', ASK_AGAIN) } : execute(resolved, inv, contextOf(s), again);
  if (req.delivery !== undefined)
    return once(s.services, deliveryKey(req.actor.platform, req.delivery), (again) => go(again || rerun));
  const { view, audit } = await go(rerun);
  if (audit) await writeAuditRecord(s.services, audit);
  return view;
}
