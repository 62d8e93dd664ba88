// The card outbox: a card that could not be posted yet (a 429, a 5xx, a timeout, a restart) waits
// here and is posted by the card writer once its wait is over. Queued in the same unit as the
// meeting it belongs to, so a meeting never exists without either its card or a card on the way.

import type { Platform } from '../../chat.js';
import { num, str, strOrNull, type Row } from '../columns.js';
import type { CardPostMethods } from '../parts.js';
import type { Sql } from '../sql.js';
import { LIMIT } from '../sql.js';
import type { CardPostRecord, StoreWrite } from '../types.js';

const QUEUE = `INSERT INTO card_posts (meeting_id, platform, team_id, channel_id, created_at, not_before)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, platform) DO NOTHING`;
const DONE = 'DELETE FROM card_posts WHERE meeting_id = ? AND platform = ?';
const DUE = `SELECT * FROM card_posts WHERE not_before <= ? ORDER BY not_before, meeting_id, platform ${LIMIT}`;
const OF_MEETING = 'SELECT * FROM card_posts WHERE meeting_id = ? ORDER BY platform';
// Only a due card can be claimed, so an attempt under way (its not_before pushed past its end)
// is never doubled by another poster.
const CLAIM = `UPDATE card_posts SET not_before = ?, attempts = attempts + 1
  WHERE meeting_id = ? AND platform = ? AND not_before <= ?`;
// Ends an attempt: the wait it set (to keep other posters off) gives way to the one asked for.
const DEFER = `UPDATE card_posts SET not_before = ?, last_error = ? WHERE meeting_id = ? AND platform = ?`;

function fromRow(r: Row): CardPostRecord {
  return {
    meetingId: str(r.meeting_id),
    platform: str(r.platform) as Platform,
    teamId: str(r.team_id),
    channelId: str(r.channel_id),
    createdAt: num(r.created_at),
    notBefore: num(r.not_before),
    attempts: num(r.attempts),
    lastError: strOrNull(r.last_error),
  };
}

/** The statement of a queueCardPost or cardPostDone write. */
export function cardPostStatement(w: Extract<StoreWrite, { kind: 'queueCardPost' | 'cardPostDone' }>): {
  sql: string;
  params: unknown[];
} {
  if (w.kind === 'cardPostDone') return { sql: DONE, params: [w.meetingId, w.platform] };
  const p = w.post;
  return { sql: QUEUE, params: [p.meetingId, p.platform, p.teamId, p.channelId, p.createdAt, p.notBefore] };
}

/** Card outbox methods over `db`. */
export function cardPostMethods(db: Sql): CardPostMethods {
  return {
    async listDueCardPosts(now, limit) {
      return (await db.all(DUE, [now, limit])).map(fromRow);
    },
    async listCardPosts(meetingId) {
      return (await db.all(OF_MEETING, [meetingId])).map(fromRow);
    },
    async claimCardPost(meetingId, platform, now, until) {
      return (await db.run(CLAIM, [until, meetingId, platform, now])) > 0;
    },
    async deferCardPost(meetingId, platform, notBefore, error) {
      await db.run(DEFER, [notBefore, error.slice(0, 500), meetingId, platform]);
    },
  };
}
