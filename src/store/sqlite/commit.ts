// Group commit on SQLite: one BEGIN IMMEDIATE ... COMMIT per group; a savepoint per unit only when
// one of the group's units fails (see runGroup); the group's version bumps run once per meeting at
// its end (see bumpAll). better-sqlite3 is synchronous, so the whole group runs in one slice of the
// event loop, bounded by the group size. When another process holds the write lock, SQLite waits
// only its short busy_timeout; the group is then retried after a pause (the loop is free meanwhile)
// until each unit's deadline, past which that unit rejects with StoreBusyError.

import { StoreBusyError } from '../errors.js';
import { sqliteDialect } from '../dialect.js';
import type { FlushGroup, Unit } from '../group-commit.js';
import { unitStatements } from '../write-sql.js';
import type { StoreWrite } from '../types.js';
import { backoffMs, isBusy, pause, storeErrorOf, type SqliteDb } from './db.js';

/**
 * Runs one unit's statements inside the current transaction. With `bumps`, a version bump is not run
 * but counted there for the end of the group (see bumpAll) and taken as applied until then.
 */
function runUnit(db: SqliteDb, writes: readonly StoreWrite[], bumps?: Bumps): boolean[] {
  const it = unitStatements(writes, sqliteDialect);
  let step = it.next();
  while (!step.done) {
    const { sql, params } = step.value;
    step = it.next(bumps && step.value.bump ? 1 : db.q(sql).run(...params).changes);
  }
  const applied = step.value;
  // Every bump that ran was deferred: its flag is settled once the group's UPDATEs ran.
  if (bumps)
    writes.forEach((w, at) => {
      if (w.kind === 'touchMeeting' && applied[at])
        (bumps.get(w.id) ?? bumps.set(w.id, []).get(w.id)!).push({ applied, at });
    });
  return applied;
}

/** The group's deferred version bumps: by meeting, the applied flag each one set. */
type Bumps = Map<string, Array<{ applied: boolean[]; at: number }>>;

/**
 * One UPDATE per bumped meeting, by `version + k` (what k bumps in place would leave), in id order,
 * as Postgres's run_group does: a callback burst for one meeting bumped its version (and, through
 * the cards trigger, its cards) once per callback. A bump of a meeting that does not exist did not apply.
 */
function bumpAll(db: SqliteDb, bumps: Bumps): void {
  for (const id of [...bumps.keys()].sort()) {
    const flags = bumps.get(id)!;
    if (db.q(BUMP_BY).run(flags.length, id).changes > 0) continue;
    for (const f of flags) f.applied[f.at] = false;
  }
}

const BUMP_BY = 'UPDATE meetings SET version = version + ? WHERE id = ?';

/**
 * Runs `units` in one transaction; returns each unit's applied flags or its own error. The units run
 * back to back with no savepoint (a unit almost never fails); when one does fail, the transaction is
 * rolled back and the group runs again with a savepoint per unit, so a failing unit never takes the
 * others with it. Not even one savepoint for the whole group: under a savepoint SQLite copies every
 * page the group changes into a sub-journal, which spills to a temporary file past 64 KiB (16 pages:
 * a group of a few commands), and creating, writing and unlinking that file was about a quarter of
 * the core's CPU per `mute` command (docs/bench/slack.md).
 */
function runGroup(db: SqliteDb, units: readonly Unit[]): Array<boolean[] | Error> {
  let outcomes: Array<boolean[] | Error>;
  db.endRead();
  db.q('BEGIN IMMEDIATE').run();
  try {
    try {
      const bumps: Bumps = new Map();
      outcomes = units.map((u) => runUnit(db, u.writes, bumps));
      bumpAll(db, bumps);
    } catch (err) {
      if (units.length === 1 || isBusy(err)) throw err;
      // Lets the lock go for a moment; a BEGIN that then finds it taken retries the group (busy).
      db.q('ROLLBACK').run();
      db.q('BEGIN IMMEDIATE').run();
      outcomes = units.map((u) => isolated(db, u));
    }
    db.q('COMMIT').run();
  } catch (err) {
    if (db.raw.inTransaction) db.q('ROLLBACK').run();
    throw err;
  }
  return outcomes;
}

/** Runs one unit in its own savepoint: its applied flags, or its error with its writes undone. */
function isolated(db: SqliteDb, u: Unit): boolean[] | Error {
  db.q('SAVEPOINT unit').run();
  try {
    return runUnit(db, u.writes);
  } catch (err) {
    db.q('ROLLBACK TO unit').run();
    return storeErrorOf(err);
  } finally {
    db.q('RELEASE unit').run();
  }
}

/** The flush of SQLite's group commit. */
export function sqliteFlush(db: SqliteDb): FlushGroup {
  return async (units) => {
    let waiting = units;
    for (let attempt = 0; waiting.length > 0; attempt++) {
      let outcomes: Array<boolean[] | Error>;
      try {
        outcomes = runGroup(db, waiting);
      } catch (err) {
        if (!isBusy(err)) {
          const mapped = storeErrorOf(err);
          for (const u of waiting) u.reject(mapped);
          return;
        }
        const now = Date.now();
        for (const u of waiting) if (u.deadline <= now) u.reject(new StoreBusyError(err));
        waiting = waiting.filter((u) => u.deadline > now);
        if (waiting.length === 0) return;
        const soonest = Math.min(...waiting.map((u) => u.deadline));
        await pause(backoffMs(attempt, soonest - now));
        continue;
      }
      waiting.forEach((u, i) => {
        const o = outcomes[i]!;
        if (o instanceof Error) u.reject(o);
        else u.resolve(o);
      });
      return;
    }
  };
}
