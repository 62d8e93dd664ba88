import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';

// The idle end is set when the callback of the last person leaving arrives. A lost callback would
// leave the room's meeting open for good, so the lease holder also looks, once a minute, at rooms
// whose meeting runs without an idle end: nobody connected (as the store knows it once reconciliation
// has removed connections the Video API no longer has) means the idle end is set from now.

/** Connections that keep a room alive (as in src/events/apply-room.ts). */
const GONE_KINDS = new Set(['audio', 'render']);

/** Sets the idle end of busy rooms nobody is in; returns how many. */
export async function sweepIdleRooms(
  deps: { store: Store; log: Logger; idleEndMs: number },
  now: number,
): Promise<number> {
  let set = 0;
  for (const room of await deps.store.listBusyRooms(200)) {
    const meeting = await deps.store.getMeetingBySession(room.sessionId);
    if (meeting?.status !== 'active') continue;
    const present = (await deps.store.listConnections(meeting.id)).filter((c) => !GONE_KINDS.has(c.kind));
    if (present.length > 0) continue;
    const [applied] = await deps.store.commit([
      { kind: 'roomIdle', id: room.id, endAt: now + deps.idleEndMs },
    ]);
    if (applied) set++;
  }
  if (set > 0) deps.log.info('empty rooms found without an idle end; set', { rooms: set });
  return set;
}
