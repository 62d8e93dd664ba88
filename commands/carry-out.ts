import type { View } from '../src/chat.js';
import type { PendingCommandRecord, StoreWrite } from '../src/store/types.js';
import type { Ticket } from './door-types.js';
import { Accepted, actorOf, contextOf, portOf, type DoorState } from './door-state.js';
import { CommandError } from './errors.js';
import { execute, failureView } from './execute.js';
import type { Resolved } from './resolve.js';
import { fromStored, type StoredRequest } from './stored.js';
import type { Invocation } from './types.js';
import { SLOW } from './intake.js';
import { notice } from './views.js';

// The second step, after the ack: the actor's role, the command (its checks, its Video API calls),
// then ONE transaction for what it changed: its writes, the meetings' version bumps, its audit entry
// and (for a recorded request) its reply, kept in the pending row. Then the reply is delivered
// through the platform's port and the row marked done (batched). A replica taking over a request
// whose owner died delivers the kept reply when the work was committed, and runs it again otherwise.

const ASK_AGAIN =
  'This request was interrupted when one of our servers stopped, before it ran. Stream keys and SIP passwords are never stored, so please send it again.';

/** Queues an accepted request; resolves with its reply once delivered (undefined when it expired). */
export function runTicket(s: DoorState, ticket: Ticket): Promise<View | undefined> {
  const t = ticket as Accepted;
  const recovery = s.recoveries.get(t.request.actor.platform);
  const done = () => t.pendingId && recovery?.done(t.pendingId);
  return new Promise((resolve) => {
    const task = async () => {
      const recorded = await recordedInTime(s, t);
      if (recorded === 'repeat') return resolve(undefined);
      if (recorded === 'failed') {
        const view = notice('warning', SLOW);
        await portOf(s, t.request.actor.platform).deliver(t.request, view, t.acked);
        return resolve(view);
      }
      try {
        resolve(await carryOut(s, t, false));
      } finally {
        done();
      }
    };
    s.work.run(task, t.request.replyBy, () => {
      s.services.log.warn('dropped a request whose reply could no longer be delivered when its turn came');
      done();
      resolve(undefined);
    });
  });
}

/**
 * Whether the pre-ack write of a ticket acked before it landed went through: 'ok' (run it),
 * 'repeat' (another delivery recorded it: its owner answers) or 'failed' (nothing recorded: say
 * "try again"). Tickets whose write landed before the ack are 'ok'.
 */
async function recordedInTime(s: DoorState, t: Accepted): Promise<'ok' | 'repeat' | 'failed'> {
  if (!t.recording) return 'ok';
  try {
    return (await t.recording).every(Boolean) ? 'ok' : 'repeat';
  } catch (err) {
    s.services.log.warn('a request acked while the store was slow could not be recorded', { err });
    return 'failed';
  }
}

/** Runs a request taken over from a replica that died: its kept reply, or the command again. */
export async function rerunTaken(s: DoorState, taken: PendingCommandRecord): Promise<View> {
  const stored = JSON.parse(taken.payload!) as StoredRequest;
  const { req, resolved } = fromStored(stored, s.list);
  if (taken.reply !== null) {
    // The dead owner committed the work and its reply; it may or may not have delivered it.
    const view = JSON.parse(taken.reply) as View;
    await portOf(s, req.actor.platform).deliver(req, view, stored.acked);
    return view;
  }
  const gone = new CommandError('That command no longer exists; run `/video help` for the list.');
  return carryOut(
    s,
    new Accepted(req, resolved ?? gone, stored.acked, taken.id, Boolean(stored.withheld)),
    true,
  );
}

/** Runs a ticket's command, commits what it changed with its reply, and delivers the reply; never throws. */
async function carryOut(s: DoorState, t: Accepted, rerun: boolean): Promise<View> {
  const req = t.request;
  const name = t.resolved instanceof CommandError ? 'unknown' : t.resolved.command.name;
  let view: View;
  try {
    if (t.resolved instanceof CommandError) view = failureView(t.resolved, name, s.services);
    else if (t.withheld) view = notice('warning', ASK_AGAIN);
    else view = await runAndCommit(s, t, t.resolved, rerun);
  } catch (err) {
    view = failureView(err, name, s.services);
  }
  await portOf(s, req.actor.platform).deliver(req, view, t.acked);
  return view;
}

async function runAndCommit(s: DoorState, t: Accepted, resolved: Resolved, rerun: boolean): Promise<View> {
  const req = t.request;
  const { store, cards, log } = s.services;
  const port = portOf(s, req.actor.platform);
  const inv: Invocation = {
    actor: await actorOf(s, req.actor, req.place),
    place: req.place,
    // Asked only by the commands that read a time (scheduling), so no other request pays for it.
    ...(port.timeZone ? { timeZone: () => port.timeZone!(req.actor, req.place) } : {}),
    source: req.source,
    ...(resolved.meetingKey !== undefined ? { meetingKey: resolved.meetingKey } : {}),
    ...(req.delivery !== undefined ? { idempotencyKey: req.delivery } : {}),
    ...(rerun ? { rerun } : {}),
  };
  const ctx = contextOf(s);
  try {
    const { view, audit } = await execute(resolved, inv, ctx, rerun);
    const unit: StoreWrite[] = [
      ...ctx.writes.unit(),
      ...(audit ? [{ kind: 'audit' as const, entry: audit }] : []),
    ];
    if (unit.length === 0) return view;
    // A request that changed nothing is simply run again if taken over; one that did keeps its reply,
    // unless the reply holds a personal join link (those are never stored; a re-run makes a new one).
    if (t.pendingId && ctx.writes.replayable && !view.blocks.some((b) => b.type === 'link'))
      unit.push({ kind: 'pendingReply', id: t.pendingId, reply: JSON.stringify(view) });
    await store.commit(unit);
    for (const id of ctx.writes.meetings) cards.wake(id);
    const more = await ctx.writes.afterCommit().catch((err: unknown) => {
      log.error('a step after a command failed', { command: resolved.command.name, err });
      return [];
    });
    return more.length > 0 ? { ...view, blocks: [...view.blocks, ...more] } : view;
  } finally {
    await ctx.writes
      .cleanUp()
      .catch((err: unknown) =>
        log.warn('cleaning up after a command failed', { command: resolved.command.name, err }),
      );
  }
}
