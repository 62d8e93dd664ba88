// Every StoreWrite as one SQL statement, written once for both backends (`?` placeholders, passed
// through the backend's dialect). A write applied when its statement changed a row.

import { flag, valuesOf, type Row, type TableSpec } from './columns.js';
import { cardPostStatement } from './concerns/card-posts.js';
import { addCardStatement, cardRenderedStatement } from './concerns/cards.js';
import { meetingCheckStatement } from './concerns/checks.js';
import { isLibraryWrite, libraryStatement } from './concerns/library.js';
import { isRecapWrite, recapStatement, recapWriteChangesState } from './concerns/recaps.js';
import type { Dialect } from './dialect.js';
import {
  AUDIO_STREAMS,
  BROADCASTS,
  RECORDINGS,
  RENDERS,
  SIP_LEGS,
  audioStreamToRow,
  broadcastToRow,
  recordingToRow,
  renderToRow,
  sipLegToRow,
} from './media-rows.js';
import { meetingPatchColumns } from './meeting-patch.js';
import { CONNECTIONS, STREAMS, connectionToRow, streamToRow } from './participant-rows.js';
import { MEETINGS, meetingToRow } from './rows.js';
import { isRoomWrite, roomStatement } from './room-rows.js';
import { isScheduleWrite, scheduleStatement } from './schedule-rows.js';
import type { StoreWrite } from './types.js';

/** One statement to run: driver text and positional parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
  /** Set on a version bump (`touchMeeting`), which a driver may defer to the end of its group. */
  bump?: true;
}

/** `INSERT ... ON CONFLICT (keys) DO UPDATE ... WHERE excluded.seq >= t.seq` for `spec`. */
export function seqUpsert(spec: TableSpec): string {
  const t = spec.name;
  const sets = spec.columns
    .filter((c) => !spec.keys.includes(c))
    .map((c) =>
      spec.keepExisting?.includes(c) ? `${c} = COALESCE(${t}.${c}, excluded.${c})` : `${c} = excluded.${c}`,
    )
    .join(', ');
  // The WHERE makes the guard atomic: an older event never overwrites a newer state, whichever
  // replica delivers it (Postgres re-checks it on the locked, latest row).
  return (
    `INSERT INTO ${t} (${spec.columns.join(', ')}) VALUES (${spec.columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${spec.keys.join(', ')}) DO UPDATE SET ${sets} WHERE excluded.seq >= ${t}.seq`
  );
}

/** A plain INSERT of every column of `spec`. */
export function insert(spec: TableSpec): string {
  return `INSERT INTO ${spec.name} (${spec.columns.join(', ')}) VALUES (${spec.columns.map(() => '?').join(', ')})`;
}

const CREATE_MEETING = insert(MEETINGS);
const TOUCH = 'UPDATE meetings SET version = version + 1 WHERE id = ?';
const MUTE_LIVE = 'UPDATE streams SET muted = ? WHERE meeting_id = ? AND destroyed_at IS NULL';
const muteSome = (d: Dialect) =>
  `UPDATE streams SET muted = ? WHERE meeting_id = ? AND ${d.inJsonArray('stream_id')}`;
const AUDIT = `INSERT INTO audit_log (meeting_id, platform, actor_id, actor_name, action, target, outcome, detail, at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// DO UPDATE fires only for an expired key, so exactly one caller wins each live key.
const CLAIM = `INSERT INTO idempotency_keys (scope, key, created_at, expires_at, result) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, result = excluded.result
  WHERE idempotency_keys.expires_at <= excluded.created_at`;
const KEY_RESULT = 'UPDATE idempotency_keys SET result = ? WHERE scope = ? AND key = ?';
const RECORD_PENDING = `INSERT INTO pending_commands (id, platform, kind, payload, owner, status, created_at, heartbeat_at)
  VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`;
const FINISH_PENDING = `UPDATE pending_commands SET status = 'done', payload = NULL, finished_at = ?
  WHERE id = ? AND status = 'pending'`;
const PENDING_REPLY = "UPDATE pending_commands SET reply = ? WHERE id = ? AND status = 'pending'";

const upserts = {
  connection: [CONNECTIONS, connectionToRow],
  stream: [STREAMS, streamToRow],
  recording: [RECORDINGS, recordingToRow],
  broadcast: [BROADCASTS, broadcastToRow],
  render: [RENDERS, renderToRow],
  sipLeg: [SIP_LEGS, sipLegToRow],
  audioStream: [AUDIO_STREAMS, audioStreamToRow],
} as const;
const UPSERT_SQL = Object.fromEntries(
  Object.entries(upserts).map(([kind, [spec]]) => [kind, seqUpsert(spec)]),
) as Record<keyof typeof upserts, string>;

/** True for writes that change what a card shows (they make `touchMeeting { ifChanged }` bump). */
export function changesMeetingState(w: StoreWrite): boolean {
  if (isRecapWrite(w)) return recapWriteChangesState(w);
  return !(
    isScheduleWrite(w) ||
    isRoomWrite(w) ||
    w.kind === 'audit' ||
    w.kind === 'claimKey' ||
    w.kind === 'keyResult' ||
    w.kind === 'recordPending' ||
    w.kind === 'pendingReply' ||
    w.kind === 'finishPending' ||
    w.kind === 'meetingCheck' ||
    w.kind === 'queueCardPost' ||
    w.kind === 'addCard' ||
    w.kind === 'cardRendered' ||
    w.kind === 'cardPostDone' ||
    w.kind === 'attend'
  );
}

/** The statement that carries out `w`. */
export function statementOf(w: StoreWrite, d: Dialect): Statement {
  const s = (sql: string, params: unknown[]): Statement => ({ sql: d.text(sql), params });
  if (isScheduleWrite(w)) {
    const { sql, params } = scheduleStatement(w, d);
    return s(sql, params);
  }
  if (isLibraryWrite(w)) {
    const { sql, params } = libraryStatement(w, d);
    return s(sql, params);
  }
  if (isRecapWrite(w)) {
    const { sql, params } = recapStatement(w);
    return s(sql, params);
  }
  if (isRoomWrite(w)) {
    const { sql, params } = roomStatement(w);
    return s(sql, params);
  }
  switch (w.kind) {
    case 'createMeeting':
      return s(CREATE_MEETING, valuesOf(MEETINGS, meetingToRow(w.meeting)));
    case 'updateMeeting': {
      const cols = meetingPatchColumns(w.patch);
      const sets = [...cols.map(([c]) => `${c} = ?`), 'version = version + 1'].join(', ');
      return s(`UPDATE meetings SET ${sets} WHERE id = ?`, [...cols.map(([, v]) => v), w.id]);
    }
    case 'touchMeeting':
      return { ...s(TOUCH, [w.id]), bump: true };
    case 'connection':
    case 'stream':
    case 'recording':
    case 'broadcast':
    case 'render':
    case 'sipLeg':
    case 'audioStream': {
      const [spec, toRow] = upserts[w.kind];
      return s(UPSERT_SQL[w.kind], valuesOf(spec, (toRow as (r: unknown) => Row)(w.record)));
    }
    case 'streamsMuted':
      return w.streamIds === undefined
        ? s(MUTE_LIVE, [flag(w.muted), w.meetingId])
        : s(muteSome(d), [flag(w.muted), w.meetingId, JSON.stringify(w.streamIds)]);
    case 'audit': {
      const e = w.entry;
      return s(AUDIT, [
        e.meetingId,
        e.platform,
        e.actorId,
        e.actorName,
        e.action,
        e.target,
        e.outcome,
        e.detail,
        e.at,
      ]);
    }
    case 'claimKey':
      return s(CLAIM, [w.scope, w.key, w.at, w.at + w.ttlMs, w.result ?? null]);
    case 'keyResult':
      return s(KEY_RESULT, [w.result, w.scope, w.key]);
    case 'recordPending': {
      const c = w.command;
      return s(RECORD_PENDING, [c.id, c.platform, c.kind, c.payload, c.owner, w.at, w.at]);
    }
    case 'pendingReply':
      return s(PENDING_REPLY, [w.reply, w.id]);
    case 'finishPending':
      return s(FINISH_PENDING, [w.at, w.id]);
    case 'meetingCheck': {
      const st = meetingCheckStatement(w, d);
      return s(st.sql, st.params);
    }
    case 'queueCardPost':
    case 'cardPostDone': {
      const st = cardPostStatement(w);
      return s(st.sql, st.params);
    }
    case 'addCard': {
      const st = addCardStatement(w.card, d);
      return s(st.sql, st.params);
    }
    case 'cardRendered': {
      const st = cardRenderedStatement(w, d);
      return s(st.sql, st.params);
    }
  }
}

/** How a write's outcome steers the rest of its unit (the same bits as Postgres's `run_group`). */
export const RULE = {
  requiredClaim: 1,
  ifChanged: 2,
  alwaysApplied: 4,
  changesState: 8,
  /** A version bump, deferred to the end of its group (Postgres's run_group; SQLite's by `Statement.bump`). */
  deferredBump: 16,
} as const;

/** The rule bits of `w`: see RULE, and `unitStatements` for what each means. */
export function ruleOf(w: StoreWrite): number {
  return (
    (w.kind === 'claimKey' && w.required ? RULE.requiredClaim : 0) |
    (w.kind === 'touchMeeting' && w.ifChanged ? RULE.ifChanged : 0) |
    (w.kind === 'audit' ? RULE.alwaysApplied : 0) |
    (w.kind === 'touchMeeting' ? RULE.deferredBump : 0) |
    (changesMeetingState(w) ? RULE.changesState : 0)
  );
}

/**
 * The statements of one unit, in order: yields each statement to run and receives the number of
 * rows it changed; returns whether each write applied. A required claim that does not apply skips
 * the rest of its unit; an `ifChanged` bump runs only after a write that changed meeting state.
 * Written once, driven synchronously by SQLite and asynchronously by Postgres; Postgres's
 * `run_group` (migration 13) applies the same rules server-side.
 */
export function* unitStatements(
  writes: readonly StoreWrite[],
  d: Dialect,
): Generator<Statement, boolean[], number> {
  const applied: boolean[] = [];
  let changed = false;
  let skipping = false;
  for (const w of writes) {
    const rule = ruleOf(w);
    if (skipping || (rule & RULE.ifChanged && !changed)) {
      applied.push(false);
      continue;
    }
    const ok = (yield statementOf(w, d)) > 0 || (rule & RULE.alwaysApplied) !== 0;
    applied.push(ok);
    if (ok && rule & RULE.changesState) changed = true;
    if (!ok && rule & RULE.requiredClaim) skipping = true;
  }
  return applied;
}
