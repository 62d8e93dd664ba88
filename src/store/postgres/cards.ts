// Posted meeting cards on Postgres. A card is dirty while its rendered version is behind the
// meeting's version; the refresher lists dirty cards whose rate-limit window has passed.

import type { CardMethods } from '../parts.js';
import { cardFromRow, dirtyCardFromRow } from '../rows.js';
import type { PgDb } from './db.js';

// Re-adding the same message (a retried post) is harmless. FOR SHARE makes a concurrent version
// bump wait for this insert (or this insert wait for it), so the trigger that copies the version
// onto cards never misses a card being added.
const ADD = `INSERT INTO cards (meeting_id, platform, message_id, team_id, channel_id, rendered_version, rendered_at,
    not_before, meeting_version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE((SELECT version FROM meetings WHERE id = $1 FOR SHARE), 0))
  ON CONFLICT (meeting_id, platform, message_id) DO NOTHING`;
const LIST = 'SELECT * FROM cards WHERE meeting_id = $1 ORDER BY rendered_at, platform, message_id';
// Served by the partial index cards_dirty, so clean cards (nearly all of them) are never read.
const DIRTY = `SELECT *, meeting_version AS version FROM cards
  WHERE rendered_version < meeting_version AND not_before <= $1
  ORDER BY not_before, meeting_id, platform, message_id LIMIT $2`;
// A slower writer finishing an older render must not undo a newer one.
const RENDERED = `UPDATE cards SET rendered_version = $1, rendered_at = $2, not_before = $3
  WHERE meeting_id = $4 AND platform = $5 AND message_id = $6 AND rendered_version <= $1`;
// A deferral never shortens a wait already in force (e.g. a longer Retry-After).
const DEFER = `UPDATE cards SET not_before = GREATEST(not_before, $1)
  WHERE meeting_id = $2 AND platform = $3 AND message_id = $4`;

/** Card methods backed by `db`. */
export function postgresCards(db: PgDb): CardMethods {
  return {
    async addCard(c) {
      await db.query(ADD, [
        c.meetingId,
        c.platform,
        c.messageId,
        c.teamId,
        c.channelId,
        c.renderedVersion,
        c.renderedAt,
        c.notBefore,
      ]);
    },
    async listCards(meetingId) {
      return (await db.rows(LIST, [meetingId])).map(cardFromRow);
    },
    async listDirtyCards(now, limit) {
      return (await db.rows(DIRTY, [now, limit])).map(dirtyCardFromRow);
    },
    async markCardRendered(c, version, at, notBefore) {
      await db.query(RENDERED, [version, at, notBefore, c.meetingId, c.platform, c.messageId]);
    },
    async deferCard(c, notBefore) {
      await db.query(DEFER, [notBefore, c.meetingId, c.platform, c.messageId]);
    },
  };
}
