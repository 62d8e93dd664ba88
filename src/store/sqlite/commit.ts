// Group commit on SQLite: one BEGIN IMMEDIATE ... COMMIT per group, a savepoint per unit when the
// group has several. better-sqlite3 is synchronous, so the whole group runs in one slice of the
// event loop, bounded by the group size. When another process holds the write lock, SQLite waits
// only its short busy_timeout; the group is then retried after a pause (the loop is free meanwhile)
// until each unit's deadline, past which that unit rejects with StoreBusyError.

import { StoreBusyError } from '../errors.js';
import { sqliteDialect } from '../dialect.js';
import type { FlushGroup, Unit } from '../group-commit.js';
import { unitStatements } from '../write-sql.js';
import type { StoreWrite } from '../types.js';
import { backoffMs, isBusy, pause, storeErrorOf, type SqliteDb } from './db.js';

/** Runs one unit's statements inside the current transaction. */
function runUnit(db: SqliteDb, writes: readonly StoreWrite[]): boolean[] {
  const it = unitStatements(writes, sqliteDialect);
  let step = it.next();
  while (!step.done) step = it.next(db.q(step.value.sql).run(...step.value.params).changes);
  return step.value;
}

/** Runs `units` in one transaction; returns each unit's applied flags or its own error. */
function runGroup(db: SqliteDb, units: readonly Unit[]): Array<boolean[] | Error> {
  const outcomes: Array<boolean[] | Error> = [];
  const several = units.length > 1;
  db.q('BEGIN IMMEDIATE').run();
  try {
    for (const u of units) {
      if (!several) {
        outcomes.push(runUnit(db, u.writes));
        continue;
      }
      db.q('SAVEPOINT unit').run();
      try {
        outcomes.push(runUnit(db, u.writes));
      } catch (err) {
        db.q('ROLLBACK TO unit').run();
        outcomes.push(storeErrorOf(err));
      }
      db.q('RELEASE unit').run();
    }
    db.q('COMMIT').run();
  } catch (err) {
    if (db.raw.inTransaction) db.q('ROLLBACK').run();
    throw err;
  }
  return outcomes;
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
