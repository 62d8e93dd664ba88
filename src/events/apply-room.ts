import type { CardService } from '../cards/types.js';
import { parseConnectionData } from '../identity.js';
import type { Logger } from '../log.js';
import { newRoomKey, roomMeeting } from '../rooms/meeting.js';
import { StoreConflictError } from '../store/errors.js';
import type { ConnectionRecord, MeetingRecord, RoomRecord, Store, StoreWrite } from '../store/types.js';
import type { Callback } from './schemas.js';

// Presence in a channel room's session. A person connecting to a room whose meeting has ended (or
// never began) opens the room's next meeting and its card is posted through the card outbox, even if
// nobody ran `/video start`; the first person in clears the room's idle end; the last person out
// sets it, and the lease holder's idle loop (src/rooms/idle-loop.ts) ends the meeting at that time.

/** What room presence needs. */
export interface RoomPresenceDeps {
  store: Store;
  cards: CardService;
  log: Logger;
  now: () => number;
  /** How long after the last person left the meeting ends (ms). */
  idleEndMs: number;
  /** Told when an idle end was set, so the idle loop on this replica can arm for it. */
  onIdle?: () => void;
}

/** Connections that keep a room alive: people and phone legs, not composers or audio connectors. */
const PRESENT = new Set<ConnectionRecord['kind']>(['user', 'sip', 'unknown']);

type Presence = 'joined' | 'left';

/** Whether a callback is a person joining or leaving (a machine leg is neither). */
export function presenceOf(cb: Callback): Presence | null {
  if (cb.type !== 'session' || !cb.event.connection) return null;
  const e = cb.event.event;
  if (e !== 'connectionCreated' && e !== 'connectionDestroyed') return null;
  const kind = parseConnectionData(cb.event.connection.data)?.kind ?? 'unknown';
  if (!PRESENT.has(kind)) return null;
  return e === 'connectionCreated' ? 'joined' : 'left';
}

/**
 * The meeting a presence callback on a room's session applies to: the active one, or for a person
 * joining a room with none, a new one (a racing replica's, if it opened it first). Null when the
 * channel is busy with a meeting outside the room.
 */
export async function openRoomMeeting(
  deps: RoomPresenceDeps,
  room: RoomRecord,
  cb: Extract<Callback, { type: 'session' }>,
): Promise<MeetingRecord | null> {
  const who = parseConnectionData(cb.event.connection?.data);
  const mine = who?.kind === 'user' && who.platform === room.platform;
  const meeting = roomMeeting(room, {
    id: newRoomKey(),
    hostId: mine ? who.userId : room.createdBy,
    hostName: mine ? who.name || room.createdByName : room.createdByName,
    now: deps.now(),
  });
  try {
    await deps.store.commit([{ kind: 'createMeeting', meeting }]);
    deps.log.info('a person joined an empty room: its meeting opened', {
      roomId: room.id,
      meetingId: meeting.id,
    });
    return { ...meeting, version: 1 };
  } catch (err) {
    if (!(err instanceof StoreConflictError)) throw err;
    const again = await deps.store.getMeetingBySession(room.sessionId);
    if (again?.status === 'active') return again;
    deps.log.warn('a person joined a room whose channel has another meeting running; ignored', {
      roomId: room.id,
    });
    return null;
  }
}

/** The room writes that go in the callback's own unit: a person joining clears the idle end. */
export function roomWrites(room: RoomRecord, presence: Presence): StoreWrite[] {
  return presence === 'joined' ? [{ kind: 'roomIdle', id: room.id, endAt: null }] : [];
}

/**
 * After the callback's unit is durable: a person joined a meeting without a card, so its card is
 * queued and posted (the outbox retries it); or the last person left, so the idle end is set.
 */
export async function afterRoomPresence(
  deps: RoomPresenceDeps,
  room: RoomRecord,
  meeting: MeetingRecord,
  presence: Presence,
): Promise<void> {
  if (meeting.status !== 'active') return;
  if (presence === 'joined') {
    if ((await deps.store.listCards(meeting.id)).length === 0) await deps.cards.post(meeting.id);
    return;
  }
  const live = (await deps.store.listConnections(meeting.id)).filter((c) => PRESENT.has(c.kind));
  if (live.length > 0) return;
  await deps.store.commit([{ kind: 'roomIdle', id: room.id, endAt: deps.now() + deps.idleEndMs }]);
  deps.onIdle?.();
}
