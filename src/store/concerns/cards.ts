// Posted meeting cards. A card is dirty while its rendered version is behind the meeting's version
// as copied onto the card (meeting_version); the refresher lists dirty cards whose rate-limit window
// has passed. The copy is made by a trigger when a version bump finds the card clean, and by the
// render that cleans it (RENDERED): a dirty card is not written again by every bump until its render.
// On Postgres each such write was a new row version (meeting_version is in the dirty index's
// predicate, so no update of it is HOT) that only vacuum removed: the sustained callback benchmark
// left ~25,000 dead rows behind 100 cards in 30 s and the server CPU per callback grew 3-4 times over
// the run (docs/bench/callbacks.md, stop 37).

import type { CardMethods } from '../parts.js';
import { cardFromRow, dirtyCardFromRow } from '../rows.js';
import type { Dialect } from '../dialect.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';
import type { CardRecord, StoreWrite } from '../types.js';

// Re-adding the same message (a retried post) is harmless. The card starts out following its
// meeting's version. On Postgres, FOR SHARE makes a concurrent version bump wait for this insert
// (or this insert wait for it), so the trigger that copies the version never misses a new card.
const add = (forShare: string) => `INSERT INTO cards (meeting_id, platform, message_id, team_id, channel_id,
    rendered_version, rendered_at, not_before, kind, meeting_version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT version FROM meetings WHERE id = ?${forShare}), 0))
  ON CONFLICT (meeting_id, platform, message_id) DO NOTHING`;
const LIST = 'SELECT * FROM cards WHERE meeting_id = ? ORDER BY rendered_at, platform, message_id';
// Served by the partial index cards_dirty, so clean cards (nearly all of them) are never read.
const DIRTY = `SELECT *, meeting_version AS version FROM cards
  WHERE rendered_version < meeting_version AND not_before <= ?
  ORDER BY not_before, meeting_id, platform, message_id ${LIMIT}`;
// A slower writer finishing an older render must not undo a newer one. The meeting's version is
// copied as the card is marked, read under FOR SHARE on Postgres: a bump in flight (whose trigger saw
// the card still dirty and left it) is waited for and its version read, so the card stays dirty; a
// bump that starts later waits for this and its trigger then finds the card clean.
const rendered = (
  forShare: string,
) => `UPDATE cards SET rendered_version = ?, rendered_at = ?, not_before = ?,
    meeting_version = COALESCE((SELECT version FROM meetings WHERE id = ?${forShare}), meeting_version)
  WHERE meeting_id = ? AND platform = ? AND message_id = ? AND rendered_version <= ?`;
// A deferral never shortens a wait already in force (e.g. a longer Retry-After).
const defer = (greatest: string) =>
  `UPDATE cards SET not_before = ${greatest} WHERE meeting_id = ? AND platform = ? AND message_id = ?`;

const addParams = (c: CardRecord) => [
  c.meetingId,
  c.platform,
  c.messageId,
  c.teamId,
  c.channelId,
  c.renderedVersion,
  c.renderedAt,
  c.notBefore,
  c.kind ?? 'card',
  c.meetingId,
];

/** The statement of an addCard write (a card from the outbox, stored in the unit that takes it out). */
export function addCardStatement(c: CardRecord, d: Dialect): { sql: string; params: unknown[] } {
  return { sql: add(d.forShare), params: addParams(c) };
}

/**
 * The statement of a cardRendered write. It goes through the group commit: on Postgres it joins the
 * group that holds its meeting's row anyway (the group's version bumps lock it, and this reads it
 * FOR SHARE), instead of a message of its own that waited for that group's lock (~0.5 ms a render,
 * docs/bench/callbacks.md, stop 24).
 */
export function cardRenderedStatement(
  w: Extract<StoreWrite, { kind: 'cardRendered' }>,
  d: Dialect,
): { sql: string; params: unknown[] } {
  const c = w.card;
  return {
    sql: rendered(d.forShare),
    params: [w.version, w.at, w.notBefore, c.meetingId, c.meetingId, c.platform, c.messageId, w.version],
  };
}

/** Card methods over `db`. */
export function cardMethods(db: Sql): CardMethods {
  const ADD = add(db.dialect.forShare);
  const DEFER = defer(db.dialect.greatest('not_before', '?'));
  return {
    async addCard(c) {
      await db.run(ADD, addParams(c));
    },
    async listCards(meetingId) {
      return (await db.all(LIST, [meetingId])).map(cardFromRow);
    },
    async listDirtyCards(now, limit) {
      return (await db.all(DIRTY, [now, limit])).map(dirtyCardFromRow);
    },
    async deferCard(c, notBefore) {
      await db.run(DEFER, [notBefore, c.meetingId, c.platform, c.messageId]);
    },
  };
}
