// SQLite schema, as versioned steps. STRICT tables reject values of the wrong type instead of
// silently storing them; timestamps are integer milliseconds, JSON is TEXT, booleans are 0/1.

import type { Logger } from '../../log.js';
import { checkMigrations, type Migration } from '../migration.js';
import type { SqliteDb } from './db.js';

/** Every SQLite migration, in order. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE meetings (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, platform TEXT NOT NULL, team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, title TEXT NOT NULL, host_id TEXT NOT NULL, host_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')), options TEXT NOT NULL,
  mute_all INTEGER NOT NULL DEFAULT 0, layout TEXT, created_at INTEGER NOT NULL, ended_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX meetings_one_active_per_channel ON meetings (platform, team_id, channel_id) WHERE status = 'active';

CREATE TABLE connections (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, connection_id TEXT NOT NULL,
  kind TEXT NOT NULL, user_id TEXT, name TEXT NOT NULL, joined_at INTEGER NOT NULL, left_at INTEGER,
  reason TEXT, seq INTEGER NOT NULL, PRIMARY KEY (meeting_id, connection_id)
) STRICT;
CREATE TABLE streams (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, stream_id TEXT NOT NULL,
  connection_id TEXT NOT NULL, video_type TEXT, name TEXT NOT NULL, muted INTEGER NOT NULL,
  created_at INTEGER NOT NULL, destroyed_at INTEGER, reason TEXT, seq INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, stream_id)
) STRICT;

CREATE TABLE recordings (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, name TEXT,
  status TEXT NOT NULL, output_mode TEXT NOT NULL, created_at INTEGER NOT NULL, duration INTEGER NOT NULL,
  size INTEGER NOT NULL, started_by TEXT, announced_at INTEGER, seq INTEGER NOT NULL
) STRICT;
CREATE INDEX recordings_by_meeting ON recordings (meeting_id, created_at);
CREATE TABLE broadcasts (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, hls_url TEXT, rtmp TEXT NOT NULL, created_at INTEGER NOT NULL, started_by TEXT,
  seq INTEGER NOT NULL
) STRICT;
CREATE INDEX broadcasts_by_meeting ON broadcasts (meeting_id, created_at);
CREATE TABLE renders (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, url TEXT NOT NULL, stream_id TEXT, created_at INTEGER NOT NULL, seq INTEGER NOT NULL
) STRICT;
CREATE INDEX renders_by_meeting ON renders (meeting_id, created_at);
CREATE TABLE sip_legs (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL, stream_id TEXT, uri TEXT NOT NULL, state TEXT NOT NULL,
  created_at INTEGER NOT NULL, ended_at INTEGER, seq INTEGER NOT NULL
) STRICT;
CREATE INDEX sip_legs_by_meeting ON sip_legs (meeting_id, created_at);
CREATE TABLE audio_streams (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL, uri TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,
  seq INTEGER NOT NULL
) STRICT;
CREATE INDEX audio_streams_by_meeting ON audio_streams (meeting_id, created_at);

CREATE TABLE cards (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  message_id TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL,
  rendered_version INTEGER NOT NULL, rendered_at INTEGER NOT NULL, not_before INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, platform, message_id)
) STRICT;
CREATE INDEX cards_by_not_before ON cards (not_before);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL, key TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  result TEXT, PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id TEXT, platform TEXT NOT NULL, actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL, action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_by_meeting ON audit_log (meeting_id, at);

CREATE TABLE installations (
  platform TEXT NOT NULL, team_id TEXT NOT NULL, data TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, team_id)
) STRICT;

CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;
`,
  },
  {
    version: 2,
    name: 'cards-follow-meeting-version',
    // Copies the meeting's version onto its cards (kept current by a trigger) so that dirty cards
    // can be found through a partial index instead of scanning every card ever posted.
    sql: `
ALTER TABLE cards ADD COLUMN meeting_version INTEGER NOT NULL DEFAULT 0;
UPDATE cards SET meeting_version = (SELECT version FROM meetings WHERE meetings.id = cards.meeting_id);
CREATE INDEX cards_dirty ON cards (not_before) WHERE rendered_version < meeting_version;
CREATE TRIGGER cards_follow_meeting_version AFTER UPDATE OF version ON meetings
  WHEN NEW.version <> OLD.version
BEGIN
  UPDATE cards SET meeting_version = NEW.version WHERE meeting_id = NEW.id;
END;
`,
  },
  {
    version: 3,
    name: 'pending-commands',
    // Acknowledged chat requests, written before the ack, so that a replica that dies after acking
    // does not lose the request: another replica re-runs it once the owner's heartbeat goes stale.
    sql: `
CREATE TABLE pending_commands (
  id TEXT PRIMARY KEY, platform TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT, owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')), created_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, reply TEXT, finished_at INTEGER
) STRICT;
CREATE INDEX pending_commands_stale ON pending_commands (heartbeat_at) WHERE status = 'pending';
CREATE INDEX pending_commands_by_owner ON pending_commands (owner) WHERE status = 'pending';
CREATE INDEX pending_commands_finished ON pending_commands (finished_at) WHERE status = 'done';
`,
  },
  {
    version: 4,
    name: 'live-participants-and-health',
    // Live participants and streams are read (cards, mute-all) through partial indexes that hold
    // only the live rows, so the cost of a read stays flat however many people have come and gone.
    // The health table is where probe() proves the store can write.
    sql: `
CREATE INDEX connections_live ON connections (meeting_id, joined_at, connection_id) WHERE left_at IS NULL;
CREATE INDEX streams_live ON streams (meeting_id, created_at, stream_id) WHERE destroyed_at IS NULL;
CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), writer TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
`,
  },
  {
    version: 5,
    name: 'schedules',
    // Planned meetings (src/schedule/): a schedule is a plan in a zone; cancelled occurrences are
    // exceptions of a series that goes on; timers are claimed so each fires once across replicas.
    sql: `
CREATE TABLE schedules (
  id TEXT PRIMARY KEY, platform TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL,
  title TEXT NOT NULL, creator_id TEXT NOT NULL, creator_name TEXT NOT NULL, zone TEXT NOT NULL,
  first_local TEXT NOT NULL, duration_minutes INTEGER NOT NULL,
  every TEXT CHECK (every IN ('weekday', 'week', '2weeks', 'month')), remind_minutes INTEGER,
  cancelled_from INTEGER, created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX schedules_by_channel ON schedules (platform, team_id, channel_id, created_at);
CREATE TABLE schedule_exceptions (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, occurrence_start)
) STRICT;
CREATE TABLE schedule_rsvps (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start INTEGER NOT NULL,
  user_id TEXT NOT NULL, going INTEGER NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, occurrence_start, user_id)
) STRICT;
CREATE TABLE person_time_zones (
  platform TEXT NOT NULL, user_id TEXT NOT NULL, zone TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, user_id)
) STRICT;
CREATE TABLE schedule_timers (
  id TEXT PRIMARY KEY, schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('remind', 'start', 'next')), fire_at INTEGER NOT NULL,
  occurrence_start INTEGER NOT NULL, occurrence_end INTEGER NOT NULL, owner TEXT, claimed_at INTEGER,
  done_at INTEGER, outcome TEXT CHECK (outcome IN ('fired', 'skipped', 'cancelled'))
) STRICT;
CREATE INDEX schedule_timers_pending ON schedule_timers (fire_at) WHERE done_at IS NULL;
CREATE INDEX schedule_timers_by_schedule ON schedule_timers (schedule_id, occurrence_start) WHERE done_at IS NULL;
`,
  },
  {
    version: 6,
    name: 'meeting-checks-and-card-outbox',
    // What reconciliation last found about each meeting (the card says since when it could not be
    // confirmed, or that the Video API forgot it), and cards waiting to be posted (the outbox).
    sql: `
CREATE TABLE meeting_checks (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
  confirmed_at INTEGER, failing_since INTEGER, failure TEXT, forgotten_at INTEGER
) STRICT;
CREATE TABLE card_posts (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  team_id TEXT NOT NULL, channel_id TEXT NOT NULL, created_at INTEGER NOT NULL, not_before INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (meeting_id, platform)
) STRICT;
CREATE INDEX card_posts_due ON card_posts (not_before);
`,
  },
  {
    version: 7,
    name: 'recap-captions-transcripts',
    // After the meeting (issue 15): live-caption runs (the card says "Captions on"), the transcription
    // of each recording (the summary text is kept once fetched), recaps waiting to be posted in the
    // card's thread (an outbox like card_posts), and a kind on cards so a posted recap is edited by
    // the same coalesced, fenced path as the card it answers.
    sql: `
ALTER TABLE cards ADD COLUMN kind TEXT NOT NULL DEFAULT 'card';
CREATE TABLE caption_runs (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, language TEXT NOT NULL, started_by TEXT, created_at INTEGER NOT NULL,
  stopped_at INTEGER, seq INTEGER NOT NULL
) STRICT;
CREATE INDEX caption_runs_by_meeting ON caption_runs (meeting_id, created_at);
CREATE TABLE transcripts (
  recording_id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, language TEXT NOT NULL, has_summary INTEGER NOT NULL, summary TEXT,
  created_at INTEGER NOT NULL, seq INTEGER NOT NULL
) STRICT;
CREATE INDEX transcripts_by_meeting ON transcripts (meeting_id, created_at);
CREATE TABLE recap_posts (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE, created_at INTEGER NOT NULL,
  not_before INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
) STRICT;
CREATE INDEX recap_posts_due ON recap_posts (not_before);
`,
  },
  {
    version: 8,
    name: 'schedule-posts-and-occurrences',
    // Planned meetings in chat: the schedule cards posted (edited when RSVPs change or the series
    // rolls on), each occurrence's meeting and Discord scheduled event, and a revision bumped by edits.
    sql: `
ALTER TABLE schedules ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE schedule_posts (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  team_id TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, message_id)
) STRICT;
CREATE TABLE schedule_occurrences (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start INTEGER NOT NULL,
  meeting_id TEXT, event_id TEXT, event_status TEXT, PRIMARY KEY (schedule_id, occurrence_start)
) STRICT;
CREATE INDEX schedule_occurrences_by_meeting ON schedule_occurrences (meeting_id);
`,
  },
  {
    version: 9,
    name: 'channel-rooms',
    // A channel's room keeps one session for every meeting held in it, so a session is no longer
    // unique to one meeting, only to one ACTIVE meeting. SQLite cannot drop a column's UNIQUE, so
    // meetings is rebuilt (foreign keys off for the step: dropping the old table must not cascade).
    rebuildsTables: true,
    sql: `
CREATE TABLE meetings_v7 (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL, platform TEXT NOT NULL, team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, title TEXT NOT NULL, host_id TEXT NOT NULL, host_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')), options TEXT NOT NULL,
  mute_all INTEGER NOT NULL DEFAULT 0, layout TEXT, created_at INTEGER NOT NULL, ended_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO meetings_v7 SELECT id, session_id, platform, team_id, channel_id, title, host_id, host_name,
  status, options, mute_all, layout, created_at, ended_at, version FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_v7 RENAME TO meetings;
CREATE UNIQUE INDEX meetings_one_active_per_channel ON meetings (platform, team_id, channel_id) WHERE status = 'active';
CREATE UNIQUE INDEX meetings_one_active_per_session ON meetings (session_id) WHERE status = 'active';
CREATE INDEX meetings_by_session ON meetings (session_id, created_at);
CREATE TRIGGER cards_follow_meeting_version AFTER UPDATE OF version ON meetings
  WHEN NEW.version <> OLD.version
BEGIN
  UPDATE cards SET meeting_version = NEW.version WHERE meeting_id = NEW.id;
END;

CREATE TABLE rooms (
  id TEXT PRIMARY KEY, platform TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL,
  session_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, layout TEXT, auto_record INTEGER NOT NULL,
  e2ee INTEGER NOT NULL, captions_language TEXT, created_by TEXT NOT NULL, created_by_name TEXT NOT NULL,
  created_at INTEGER NOT NULL, link_ref TEXT, idle_end_at INTEGER, idle_owner TEXT, idle_claimed_at INTEGER
) STRICT;
CREATE UNIQUE INDEX rooms_one_per_channel ON rooms (platform, team_id, channel_id);
CREATE INDEX rooms_idle ON rooms (idle_end_at) WHERE idle_end_at IS NOT NULL;
`,
  },
  {
    version: 10,
    name: 'recordings-library',
    // Who attended each meeting by chat identity (link permission, App Home), the library's reads
    // by channel and by person, and the retention sweep's mark on a recording it deleted.
    sql: `
CREATE TABLE attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  user_id TEXT NOT NULL, name TEXT NOT NULL, first_at INTEGER NOT NULL, PRIMARY KEY (meeting_id, user_id)
) STRICT;
CREATE INDEX attendance_by_person ON attendance (platform, user_id, meeting_id);
CREATE INDEX meetings_by_channel ON meetings (platform, team_id, channel_id, created_at);
CREATE INDEX meetings_by_host ON meetings (platform, team_id, host_id, created_at);
ALTER TABLE recordings ADD COLUMN expired_at INTEGER;
ALTER TABLE recordings ADD COLUMN retention_days INTEGER;
CREATE INDEX recordings_by_created ON recordings (created_at) WHERE expired_at IS NULL;
`,
  },
  {
    version: 11,
    name: 'run-units',
    // Postgres only (a server-side function that runs a group of units in one round trip); SQLite
    // runs its statements in process, so there is nothing to add. Kept to hold the numbers aligned.
    sql: `SELECT 1;`,
  },
  {
    version: 12,
    name: 'prepared-statements',
    // Postgres only (statements prepared once per server session); kept to hold the numbers aligned.
    sql: `SELECT 1;`,
  },
  {
    version: 13,
    name: 'run-group',
    // Postgres only (run_group, a cheaper group call); kept to hold the numbers aligned.
    sql: `SELECT 1;`,
  },
  {
    version: 14,
    name: 'pending-owner-index-dropped',
    // A heartbeat is one alive mark and a refresh of its owner's rows older than half the mark's life
    // (src/store/concerns/pending.ts), which the stale index (heartbeat_at) finds; nothing else
    // read pending rows by owner, and the index cost a write when each row arrived and left.
    sql: `
DROP INDEX pending_commands_by_owner;
`,
  },
  {
    version: 15,
    name: 'cards-written-once-per-render',
    // A bump copies its version only onto clean cards; the render that cleans a card copies the
    // meeting's version itself (src/store/concerns/cards.ts). Every bump used to rewrite every card
    // of its meeting: one more UPDATE per command or callback group for nothing while the card
    // waited for its render anyway.
    sql: `
DROP TRIGGER cards_follow_meeting_version;
CREATE TRIGGER cards_follow_meeting_version AFTER UPDATE OF version ON meetings
  WHEN NEW.version <> OLD.version
BEGIN
  UPDATE cards SET meeting_version = NEW.version WHERE meeting_id = NEW.id AND meeting_version <= rendered_version;
END;
`,
  },
];
checkMigrations(SQLITE_MIGRATIONS);

/** Applies pending migrations, each in its own write transaction; returns the versions applied. */
export function migrateSqlite(
  db: SqliteDb,
  log: Logger,
  list: readonly Migration[] = SQLITE_MIGRATIONS,
): number[] {
  // Another process may be migrating the same file: wait for it, as nothing is served yet.
  return db.patiently(() => migrateNow(db, log, list));
}

function migrateNow(db: SqliteDb, log: Logger, list: readonly Migration[]): number[] {
  db.raw.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  );
  const applied: number[] = [];
  for (const m of list) {
    // PRAGMA foreign_keys is a no-op inside a transaction, so a rebuild turns it off around its step.
    if (m.rebuildsTables) db.raw.pragma('foreign_keys = OFF');
    // The check runs inside the write transaction, so a second process migrating at the same
    // time waits for the lock and then sees the step as done.
    let ran: boolean;
    try {
      ran = db.tx(() => {
        if (db.raw.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return false;
        db.raw.exec(m.sql);
        // With the checks off for a rebuild, prove inside the step that no reference was broken.
        if (m.rebuildsTables && (db.raw.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new Error(`internal: migration ${m.name} broke a foreign key`);
        db.raw
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, Date.now());
        return true;
      });
    } finally {
      if (m.rebuildsTables) db.raw.pragma('foreign_keys = ON');
    }
    if (ran) {
      applied.push(m.version);
      log.info('store migration applied', { backend: 'sqlite', version: m.version, name: m.name });
    }
  }
  return applied;
}
