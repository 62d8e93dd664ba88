// Posted meeting cards on SQLite. A card is dirty while its rendered version is behind the
// meeting's version; the refresher lists dirty cards whose rate-limit window has passed.

import type { Row } from '../columns.js';
import type { CardMethods } from '../parts.js';
import { cardFromRow, dirtyCardFromRow } from '../rows.js';
import type { SqliteDb } from './db.js';

// Re-adding the same message (a retried post) is harmless. The card starts out following its
// meeting's version; a trigger keeps meeting_version current from then on.
const ADD = `INSERT INTO cards (meeting_id, platform, message_id, team_id, channel_id, rendered_version, rendered_at,
    not_before, meeting_version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT version FROM meetings WHERE id = ?), 0))
  ON CONFLICT (meeting_id, platform, message_id) DO NOTHING`;
const LIST = 'SELECT * FROM cards WHERE meeting_id = ? ORDER BY rendered_at, platform, message_id';
// Served by the partial index cards_dirty, so clean cards (nearly all of them) are never read.
const DIRTY = `SELECT *, meeting_version AS version FROM cards
  WHERE rendered_version < meeting_version AND not_before <= ?
  ORDER BY not_before, meeting_id, platform, message_id LIMIT ?`;
// A slower writer finishing an older render must not undo a newer one.
const RENDERED = `UPDATE cards SET rendered_version = ?, rendered_at = ?, not_before = ?
  WHERE meeting_id = ? AND platform = ? AND message_id = ? AND rendered_version <= ?`;
// A deferral never shortens a wait already in force (e.g. a longer Retry-After).
const DEFER =
  'UPDATE cards SET not_before = MAX(not_before, ?) WHERE meeting_id = ? AND platform = ? AND message_id = ?';

/** Card methods backed by `db`. */
export function sqliteCards(db: SqliteDb): CardMethods {
  return {
    async addCard(c) {
      db.q(ADD).run(
        c.meetingId,
        c.platform,
        c.messageId,
        c.teamId,
        c.channelId,
        c.renderedVersion,
        c.renderedAt,
        c.notBefore,
        c.meetingId,
      );
    },
    async listCards(meetingId) {
      return (db.q(LIST).all(meetingId) as Row[]).map(cardFromRow);
    },
    async listDirtyCards(now, limit) {
      return (db.q(DIRTY).all(now, limit) as Row[]).map(dirtyCardFromRow);
    },
    async markCardRendered(c, version, at, notBefore) {
      db.q(RENDERED).run(version, at, notBefore, c.meetingId, c.platform, c.messageId, version);
    },
    async deferCard(c, notBefore) {
      db.q(DEFER).run(notBefore, c.meetingId, c.platform, c.messageId);
    },
  };
}
