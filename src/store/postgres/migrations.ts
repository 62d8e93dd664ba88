// Postgres schema, as versioned steps under the same version numbers as SQLite. Timestamps are
// BIGINT milliseconds, JSON is TEXT (byte-exact round trips, same as SQLite), flags are BOOLEAN.

import type { Logger } from '../../log.js';
import { checkMigrations, type Migration } from '../migration.js';
import type { PgDb } from './db.js';

/** Every Postgres migration, in order. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE meetings (
  id TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, platform TEXT NOT NULL, team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, title TEXT NOT NULL, host_id TEXT NOT NULL, host_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')), options TEXT NOT NULL,
  mute_all BOOLEAN NOT NULL DEFAULT false, layout TEXT, created_at BIGINT NOT NULL, ended_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX meetings_one_active_per_channel ON meetings (platform, team_id, channel_id) WHERE status = 'active';

CREATE TABLE connections (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, connection_id TEXT NOT NULL,
  kind TEXT NOT NULL, user_id TEXT, name TEXT NOT NULL, joined_at BIGINT NOT NULL, left_at BIGINT,
  reason TEXT, seq BIGINT NOT NULL, PRIMARY KEY (meeting_id, connection_id)
);
CREATE TABLE streams (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, stream_id TEXT NOT NULL,
  connection_id TEXT NOT NULL, video_type TEXT, name TEXT NOT NULL, muted BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL, destroyed_at BIGINT, reason TEXT, seq BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, stream_id)
);

CREATE TABLE recordings (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, name TEXT,
  status TEXT NOT NULL, output_mode TEXT NOT NULL, created_at BIGINT NOT NULL, duration BIGINT NOT NULL,
  size BIGINT NOT NULL, started_by TEXT, announced_at BIGINT, seq BIGINT NOT NULL
);
CREATE INDEX recordings_by_meeting ON recordings (meeting_id, created_at);
CREATE TABLE broadcasts (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, hls_url TEXT, rtmp TEXT NOT NULL, created_at BIGINT NOT NULL, started_by TEXT,
  seq BIGINT NOT NULL
);
CREATE INDEX broadcasts_by_meeting ON broadcasts (meeting_id, created_at);
CREATE TABLE renders (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, url TEXT NOT NULL, stream_id TEXT, created_at BIGINT NOT NULL, seq BIGINT NOT NULL
);
CREATE INDEX renders_by_meeting ON renders (meeting_id, created_at);
CREATE TABLE sip_legs (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL, stream_id TEXT, uri TEXT NOT NULL, state TEXT NOT NULL,
  created_at BIGINT NOT NULL, ended_at BIGINT, seq BIGINT NOT NULL
);
CREATE INDEX sip_legs_by_meeting ON sip_legs (meeting_id, created_at);
CREATE TABLE audio_streams (
  id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL, uri TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL,
  seq BIGINT NOT NULL
);
CREATE INDEX audio_streams_by_meeting ON audio_streams (meeting_id, created_at);

CREATE TABLE cards (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  message_id TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL,
  rendered_version BIGINT NOT NULL, rendered_at BIGINT NOT NULL, not_before BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, platform, message_id)
);
CREATE INDEX cards_by_not_before ON cards (not_before);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL, key TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
  result TEXT, PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, meeting_id TEXT, platform TEXT NOT NULL,
  actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, action TEXT NOT NULL, target TEXT,
  outcome TEXT NOT NULL, detail TEXT, at BIGINT NOT NULL
);
CREATE INDEX audit_log_by_meeting ON audit_log (meeting_id, at);

CREATE TABLE installations (
  platform TEXT NOT NULL, team_id TEXT NOT NULL, data TEXT NOT NULL, updated_at BIGINT NOT NULL,
  PRIMARY KEY (platform, team_id)
);

CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
`,
  },
  {
    version: 2,
    name: 'cards-follow-meeting-version',
    // Copies the meeting's version onto its cards (kept current by a trigger) so that dirty cards
    // can be found through a partial index instead of scanning every card ever posted. The trigger
    // runs after the meeting row is locked and, being plpgsql, with a fresh snapshot: it sees a card
    // whose insert (which holds FOR SHARE on the meeting) committed while it waited.
    sql: `
ALTER TABLE cards ADD COLUMN meeting_version BIGINT NOT NULL DEFAULT 0;
UPDATE cards SET meeting_version = meetings.version FROM meetings WHERE meetings.id = cards.meeting_id;
CREATE INDEX cards_dirty ON cards (not_before) WHERE rendered_version < meeting_version;
-- search_path is pinned so the trigger updates this schema's cards whatever the caller's path.
CREATE FUNCTION cards_follow_meeting_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE cards SET meeting_version = NEW.version WHERE meeting_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cards_follow_meeting_version AFTER UPDATE OF version ON meetings
  FOR EACH ROW WHEN (NEW.version <> OLD.version) EXECUTE FUNCTION cards_follow_meeting_version();
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
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')), created_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, reply TEXT, finished_at BIGINT
);
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
CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), writer TEXT NOT NULL, at BIGINT NOT NULL);
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
  cancelled_from BIGINT, created_at BIGINT NOT NULL
);
CREATE INDEX schedules_by_channel ON schedules (platform, team_id, channel_id, created_at);
CREATE TABLE schedule_exceptions (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start BIGINT NOT NULL,
  PRIMARY KEY (schedule_id, occurrence_start)
);
CREATE TABLE schedule_rsvps (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start BIGINT NOT NULL,
  user_id TEXT NOT NULL, going BOOLEAN NOT NULL, at BIGINT NOT NULL,
  PRIMARY KEY (schedule_id, occurrence_start, user_id)
);
CREATE TABLE person_time_zones (
  platform TEXT NOT NULL, user_id TEXT NOT NULL, zone TEXT NOT NULL, updated_at BIGINT NOT NULL,
  PRIMARY KEY (platform, user_id)
);
CREATE TABLE schedule_timers (
  id TEXT PRIMARY KEY, schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('remind', 'start', 'next')), fire_at BIGINT NOT NULL,
  occurrence_start BIGINT NOT NULL, occurrence_end BIGINT NOT NULL, owner TEXT, claimed_at BIGINT,
  done_at BIGINT, outcome TEXT CHECK (outcome IN ('fired', 'skipped', 'cancelled'))
);
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
  confirmed_at BIGINT, failing_since BIGINT, failure TEXT, forgotten_at BIGINT
);
CREATE TABLE card_posts (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE, platform TEXT NOT NULL,
  team_id TEXT NOT NULL, channel_id TEXT NOT NULL, created_at BIGINT NOT NULL, not_before BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (meeting_id, platform)
);
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
  status TEXT NOT NULL, language TEXT NOT NULL, started_by TEXT, created_at BIGINT NOT NULL,
  stopped_at BIGINT, seq BIGINT NOT NULL
);
CREATE INDEX caption_runs_by_meeting ON caption_runs (meeting_id, created_at);
CREATE TABLE transcripts (
  recording_id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  status TEXT NOT NULL, language TEXT NOT NULL, has_summary BOOLEAN NOT NULL, summary TEXT,
  created_at BIGINT NOT NULL, seq BIGINT NOT NULL
);
CREATE INDEX transcripts_by_meeting ON transcripts (meeting_id, created_at);
CREATE TABLE recap_posts (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE, created_at BIGINT NOT NULL,
  not_before BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
);
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
  team_id TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL, created_at BIGINT NOT NULL,
  PRIMARY KEY (schedule_id, message_id)
);
CREATE TABLE schedule_occurrences (
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE, occurrence_start BIGINT NOT NULL,
  meeting_id TEXT, event_id TEXT, event_status TEXT, PRIMARY KEY (schedule_id, occurrence_start)
);
CREATE INDEX schedule_occurrences_by_meeting ON schedule_occurrences (meeting_id);
`,
  },
  {
    version: 9,
    name: 'channel-rooms',
    // A channel's room keeps one session for every meeting held in it, so a session is no longer
    // unique to one meeting, only to one ACTIVE meeting.
    sql: `
ALTER TABLE meetings DROP CONSTRAINT meetings_session_id_key;
CREATE UNIQUE INDEX meetings_one_active_per_session ON meetings (session_id) WHERE status = 'active';
CREATE INDEX meetings_by_session ON meetings (session_id, created_at);

CREATE TABLE rooms (
  id TEXT PRIMARY KEY, platform TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL,
  session_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, layout TEXT, auto_record BOOLEAN NOT NULL,
  e2ee BOOLEAN NOT NULL, captions_language TEXT, created_by TEXT NOT NULL, created_by_name TEXT NOT NULL,
  created_at BIGINT NOT NULL, link_ref TEXT, idle_end_at BIGINT, idle_owner TEXT, idle_claimed_at BIGINT
);
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
  user_id TEXT NOT NULL, name TEXT NOT NULL, first_at BIGINT NOT NULL, PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX attendance_by_person ON attendance (platform, user_id, meeting_id);
CREATE INDEX meetings_by_channel ON meetings (platform, team_id, channel_id, created_at);
CREATE INDEX meetings_by_host ON meetings (platform, team_id, host_id, created_at);
ALTER TABLE recordings ADD COLUMN expired_at BIGINT;
ALTER TABLE recordings ADD COLUMN retention_days INTEGER;
CREATE INDEX recordings_by_created ON recordings (created_at) WHERE expired_at IS NULL;
`,
  },
  {
    version: 11,
    name: 'run-units',
    // A group of units of work in one round trip (src/store/postgres/commit.ts): the statements
    // arrive with their parameters inlined as literals, each with its rule bits, and this runs them
    // with the same rules as `unitStatements` (src/store/write-sql.ts): 1 = a required claim (when
    // it does not apply, the rest of its unit is skipped), 2 = only if an earlier write of the unit
    // changed meeting state, 4 = applied whatever it changed (audit), 8 = changes meeting state,
    // 16 = a version bump of meeting st[2], deferred to the end of the group: one UPDATE per
    // meeting, in id order, so replicas' groups lock meetings in one order and a meeting's cards
    // follow its version once per group instead of once per callback.
    sql: `
CREATE FUNCTION run_units(units jsonb) RETURNS jsonb LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  unit jsonb; st jsonb; ui bigint; si bigint; rule int; n bigint; ok boolean; changed boolean;
  skipping boolean; flags jsonb; result jsonb := '[]'; bumps jsonb := '[]'; meeting text; k bigint;
BEGIN
  FOR unit, ui IN SELECT value, ordinality - 1 FROM jsonb_array_elements(units) WITH ORDINALITY LOOP
    flags := '[]'; changed := false; skipping := false;
    FOR st, si IN SELECT value, ordinality - 1 FROM jsonb_array_elements(unit) WITH ORDINALITY LOOP
      rule := (st->>1)::int;
      IF skipping OR (rule & 2 <> 0 AND NOT changed) THEN
        flags := flags || 'false'::jsonb;
        CONTINUE;
      END IF;
      IF rule & 16 <> 0 THEN
        bumps := bumps || jsonb_build_array(jsonb_build_array(st->>2, ui, si));
        flags := flags || 'false'::jsonb;
        ok := true;
      ELSE
        EXECUTE st->>0;
        GET DIAGNOSTICS n = ROW_COUNT;
        ok := n > 0 OR rule & 4 <> 0;
        flags := flags || to_jsonb(ok);
      END IF;
      IF ok AND rule & 8 <> 0 THEN changed := true; END IF;
      IF NOT ok AND rule & 1 <> 0 THEN skipping := true; END IF;
    END LOOP;
    result := result || jsonb_build_array(flags);
  END LOOP;
  FOR meeting, k IN SELECT b->>0, count(*) FROM jsonb_array_elements(bumps) b GROUP BY 1 ORDER BY 1 LOOP
    UPDATE meetings SET version = version + k WHERE id = meeting;
    IF FOUND THEN
      FOR st IN SELECT b FROM jsonb_array_elements(bumps) b WHERE b->>0 = meeting LOOP
        result := jsonb_set(result, ARRAY[st->>1, st->>2], 'true');
      END LOOP;
    END IF;
  END LOOP;
  RETURN result;
END $$;
`,
  },
  {
    version: 12,
    name: 'prepared-statements',
    // Statements prepared once per server session, so Postgres parses and plans them once instead of
    // at every run of inlined text (docs/bench/callbacks.md, stop 23). prepare_statements(texts)
    // prepares those of {name: text} this session has not prepared yet and remembers them in a
    // session setting: the bot tracks nothing per connection, and a session reset (DISCARD ALL, as
    // poolers do) clears both together. A text Postgres cannot prepare (a parameter whose type it
    // cannot infer) fails with SQLSTATE VC001 and the name; the bot then sends it inlined.
    // The reads of a turn call it and then EXECUTE each read (src/store/postgres/read-batch.ts).
    // run_units takes {"t": texts, "u": units} with a plain write as [null, rule, null, name, args];
    // its text counts its rows (WITH w AS (... RETURNING 1) SELECT count(*)), as ROW_COUNT does not
    // see through EXECUTE. The old argument (an array of units of inlined statements) still runs,
    // so replicas of both versions can share the database during a rollout.
    sql: `
CREATE FUNCTION prepare_statements(texts jsonb) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  pname text; ptext text;
BEGIN
  FOR pname, ptext IN SELECT key, value FROM jsonb_each_text(texts) LOOP
    IF coalesce(current_setting('video_chatops.' || pname, true), '') = '' THEN
      IF NOT EXISTS (SELECT 1 FROM pg_prepared_statements p WHERE p.name = pname) THEN
        BEGIN
          EXECUTE format('PREPARE %I AS %s', pname, ptext);
        EXCEPTION WHEN OTHERS THEN
          RAISE EXCEPTION USING ERRCODE = 'VC001', MESSAGE = pname, DETAIL = SQLERRM;
        END;
      END IF;
      PERFORM set_config('video_chatops.' || pname, '1', false);
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION run_units(units jsonb) RETURNS jsonb LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  unit jsonb; st jsonb; ui bigint; si bigint; rule int; n bigint; ok boolean; changed boolean;
  skipping boolean; flags jsonb; result jsonb := '[]'; bumps jsonb := '[]'; meeting text; k bigint;
  list jsonb := units;
BEGIN
  IF jsonb_typeof(units) = 'object' THEN
    PERFORM prepare_statements(units->'t');
    list := units->'u';
  END IF;
  FOR unit, ui IN SELECT value, ordinality - 1 FROM jsonb_array_elements(list) WITH ORDINALITY LOOP
    flags := '[]'; changed := false; skipping := false;
    FOR st, si IN SELECT value, ordinality - 1 FROM jsonb_array_elements(unit) WITH ORDINALITY LOOP
      rule := (st->>1)::int;
      IF skipping OR (rule & 2 <> 0 AND NOT changed) THEN
        flags := flags || 'false'::jsonb;
        CONTINUE;
      END IF;
      IF rule & 16 <> 0 THEN
        bumps := bumps || jsonb_build_array(jsonb_build_array(st->>2, ui, si));
        flags := flags || 'false'::jsonb;
        ok := true;
      ELSE
        IF st->>3 IS NULL THEN
          EXECUTE st->>0;
          GET DIAGNOSTICS n = ROW_COUNT;
        ELSE
          EXECUTE format('EXECUTE %I%s', st->>3, st->>4) INTO n;
        END IF;
        ok := n > 0 OR rule & 4 <> 0;
        flags := flags || to_jsonb(ok);
      END IF;
      IF ok AND rule & 8 <> 0 THEN changed := true; END IF;
      IF NOT ok AND rule & 1 <> 0 THEN skipping := true; END IF;
    END LOOP;
    result := result || jsonb_build_array(flags);
  END LOOP;
  FOR meeting, k IN SELECT b->>0, count(*) FROM jsonb_array_elements(bumps) b GROUP BY 1 ORDER BY 1 LOOP
    UPDATE meetings SET version = version + k WHERE id = meeting;
    IF FOUND THEN
      FOR st IN SELECT b FROM jsonb_array_elements(bumps) b WHERE b->>0 = meeting LOOP
        result := jsonb_set(result, ARRAY[st->>1, st->>2], 'true');
      END LOOP;
    END IF;
  END LOOP;
  RETURN result;
END $$;
`,
  },
  {
    version: 13,
    name: 'run-group',
    // run_units' rules over flat arrays, one element per write: its unit (a number, the same for
    // consecutive writes of one unit), its rule bits, its prepared name (NULL for an inlined
    // statement or a version bump) and its argument list (the inlined statement itself, or the
    // bump's meeting). The result is one character per write ('t' applied, 'f' not). run_units
    // built its JSON argument's parts and its result by copying jsonb values at every statement and
    // every bump: the same groups measured 4.3-4.6 ms of server CPU through it against 2.4-3.0 ms
    // here (docs/bench/callbacks.md, stop 29). run_units stays for replicas not yet upgraded.
    sql: `
CREATE FUNCTION run_group(texts jsonb, unit_of int[], rules int[], names text[], args text[]) RETURNS text
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  total int := cardinality(rules); i int; u int; rule int; n bigint; ok boolean;
  changed boolean; skipping boolean; res boolean[] := array_fill(false, ARRAY[cardinality(rules)]);
  bump_at int[] := '{}'; bump_of text[] := '{}'; bumped text[] := '{}'; meeting text; k bigint;
BEGIN
  PERFORM prepare_statements(texts);
  FOR i IN 1..total LOOP
    IF i = 1 OR unit_of[i] <> u THEN u := unit_of[i]; changed := false; skipping := false; END IF;
    rule := rules[i];
    CONTINUE WHEN skipping OR (rule & 2 <> 0 AND NOT changed);
    IF rule & 16 <> 0 THEN
      bump_at := bump_at || i;
      bump_of := bump_of || args[i];
      ok := true;
    ELSE
      IF names[i] IS NULL THEN
        EXECUTE args[i];
        GET DIAGNOSTICS n = ROW_COUNT;
      ELSE
        EXECUTE format('EXECUTE %I%s', names[i], args[i]) INTO n;
      END IF;
      ok := n > 0 OR rule & 4 <> 0;
      res[i] := ok;
    END IF;
    IF ok AND rule & 8 <> 0 THEN changed := true; END IF;
    IF NOT ok AND rule & 1 <> 0 THEN skipping := true; END IF;
  END LOOP;
  -- One UPDATE per meeting, in id order (see run_units).
  FOR meeting, k IN SELECT m, count(*) FROM unnest(bump_of) m GROUP BY 1 ORDER BY 1 LOOP
    UPDATE meetings SET version = version + k WHERE id = meeting;
    IF FOUND THEN bumped := bumped || meeting; END IF;
  END LOOP;
  FOR i IN 1..cardinality(bump_at) LOOP
    IF bump_of[i] = ANY(bumped) THEN res[bump_at[i]] := true; END IF;
  END LOOP;
  RETURN array_to_string(res, '');
END $$;
`,
  },
  {
    version: 14,
    name: 'pending-owner-index-dropped',
    // A heartbeat is one alive mark and a refresh of its owner's rows older than half the mark's life
    // (src/store/concerns/pending.ts), which the stale index (heartbeat_at) finds; nothing else
    // read pending rows by owner, and the index cost a write when each row arrived and left.
    // Replicas of earlier versions then heartbeat through the stale index (every pending row, as
    // they did anyway).
    sql: `
DROP INDEX pending_commands_by_owner;
`,
  },
  {
    version: 15,
    name: 'cards-written-once-per-render',
    // A bump copies its version only onto clean cards; the render that cleans a card copies the
    // meeting's version itself (src/store/concerns/cards.ts). Every bump used to rewrite every card of
    // its meeting: a row version per card per callback group, never HOT, so dead rows piled up
    // between vacuums and each bump's lookup of the card went through more of them (Postgres CPU per
    // callback 0.15 -> 0.5 ms over a 30 s run). While replicas of an earlier version still render,
    // a change that lands during one of their renders shows at the meeting's next change.
    sql: `
CREATE OR REPLACE FUNCTION cards_follow_meeting_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE cards SET meeting_version = NEW.version WHERE meeting_id = NEW.id AND meeting_version <= rendered_version;
  RETURN NULL;
END $$;
`,
  },
];
checkMigrations(POSTGRES_MIGRATIONS);

// Every replica migrating at start-up takes this transaction-scoped advisory lock first, so the
// steps run one replica at a time and each is applied exactly once.
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(7261947303)';

/** Applies pending migrations, each in its own transaction under the advisory lock. */
export async function migratePostgres(
  db: PgDb,
  log: Logger,
  list: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  for (const m of list) {
    const ran = await db.tx(async (c) => {
      await c.query(MIGRATION_LOCK);
      // Created under the lock: a concurrent CREATE TABLE IF NOT EXISTS can fail in Postgres.
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const done = await c.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.rowCount) return false;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        Date.now(),
      ]);
      return true;
    });
    if (ran) {
      applied.push(m.version);
      log.info('store migration applied', { backend: 'postgres', version: m.version, name: m.name });
    }
  }
  return applied;
}
