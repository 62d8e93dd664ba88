// Group commit on Postgres: one BEGIN ... COMMIT on one pooled connection per group, in two
// messages: BEGIN with the whole group for `run_group` (migration 13), then COMMIT. Only when a unit
// fails does the group run again statement by statement with a savepoint per unit (see runGroup).
// A group whose connection was lost before COMMIT was sent never committed, so it is retried on a
// fresh connection (as single statements are, see db.ts).

import pg from 'pg';
import { postgresDialect } from '../dialect.js';
import type { FlushGroup, Unit } from '../group-commit.js';
import type { StoreWrite } from '../types.js';
import { ruleOf, statementOf, unitStatements } from '../write-sql.js';
import { backoff, isConnectionLoss, isRetryable, storeErrorOf, type PgDb } from './db.js';
import { dollarQuoted, inlined, textArray } from './inline.js';
import { CANNOT_PREPARE, preparedForm, refusePrepared } from './prepared.js';

// Deadlocks between replicas' groups come in bursts under load; each retry re-runs the whole group.
const RETRIES = 6;
/** Postgres's "prepared statement does not exist". */
const STALE_PREPARED = '26000';

async function runUnit(client: pg.PoolClient, writes: readonly StoreWrite[]): Promise<boolean[]> {
  const it = unitStatements(writes, postgresDialect);
  let step = it.next();
  while (!step.done) {
    const res = await client.query(step.value.sql, step.value.params);
    step = it.next(res.rowCount ?? 0);
  }
  return step.value;
}

/**
 * The group as a call of `run_group` (migration 13), which runs it server-side with the rules of
 * `unitStatements`: the texts of its prepared writes by name, then one element per write in four
 * arrays (its unit, its rule bits, its prepared name or NULL, and its argument list; for an inlined
 * statement the statement, for a version bump, deferred to the end of the group there, its
 * meeting). Undefined when a parameter has no literal form (no write has one today).
 */
function groupCall(units: readonly Unit[]): string | undefined {
  const texts: Record<string, string> = {};
  const unitOf: number[] = [];
  const rules: number[] = [];
  const names: Array<string | null> = [];
  const args: string[] = [];
  for (const [i, u] of units.entries()) {
    for (const w of u.writes) {
      unitOf.push(i);
      rules.push(ruleOf(w));
      if (w.kind === 'touchMeeting') {
        names.push(null);
        args.push(w.id);
        continue;
      }
      const st = statementOf(w, postgresDialect);
      const prepared = preparedForm(st);
      if (prepared) {
        const [name, text, list] = prepared;
        texts[name] = text;
        names.push(name);
        args.push(list);
        continue;
      }
      const sql = inlined(st);
      if (sql === undefined) return undefined;
      names.push(null);
      args.push(sql);
    }
  }
  const arrays = [
    `'{${unitOf.join(',')}}'::int[]`,
    `'{${rules.join(',')}}'::int[]`,
    `${dollarQuoted(textArray(names))}::text[]`,
    `${dollarQuoted(textArray(args))}::text[]`,
  ];
  return `SELECT run_group(${dollarQuoted(JSON.stringify(texts))}::jsonb, ${arrays.join(', ')}) AS applied`;
}

/** `run_group`'s answer (a 't' or 'f' per write) as each unit's applied flags. */
function appliedFlags(units: readonly Unit[], answer: string): boolean[][] {
  let at = 0;
  return units.map((u) => Array.from(u.writes, () => answer[at++] === 't'));
}

/**
 * Runs `units` in one transaction on `client` (left open for COMMIT); each unit's applied flags or
 * its own error. The whole group goes to `run_group` in one round trip (statement by statement it
 * was one round trip per write, and their socket writes were the bot's largest CPU cost on
 * Postgres); when a unit fails there, the transaction is rolled back and the group runs again
 * statement by statement with a savepoint per unit, so a failing unit never takes the others with it.
 */
async function runGroup(client: pg.PoolClient, units: readonly Unit[]): Promise<Array<boolean[] | Error>> {
  for (let call = groupCall(units); call !== undefined; call = groupCall(units)) {
    try {
      // BEGIN and the group in one message: the simple protocol takes several statements (so the
      // arguments are inlined too). COMMIT stays a message of its own, so a connection lost before
      // it was sent is known not to have committed (see postgresFlush).
      const res = (await client.query(`BEGIN; ${call}`)) as unknown as Array<
        pg.QueryResult<{ applied: string }>
      >;
      return appliedFlags(units, res[1]!.rows[0]!.applied);
    } catch (err) {
      if (isConnectionLoss(err) || isRetryable(err) || (err as { code?: unknown }).code === STALE_PREPARED)
        throw err;
      await client.query('ROLLBACK');
      // A text Postgres cannot prepare: the group again, that statement inlined (once per process).
      if ((err as { code?: unknown }).code === CANNOT_PREPARE && refusePrepared((err as Error).message))
        continue;
      if (units.length === 1) throw err;
      break;
    }
  }
  // A unit failed in run_group, or a parameter could not be inlined (no write has one today).
  await client.query('BEGIN');
  const outcomes: Array<boolean[] | Error> = [];
  for (const u of units) {
    await client.query('SAVEPOINT unit');
    try {
      outcomes.push(await runUnit(client, u.writes));
      await client.query('RELEASE SAVEPOINT unit');
    } catch (err) {
      if (isConnectionLoss(err) || isRetryable(err)) throw err;
      await client.query('ROLLBACK TO SAVEPOINT unit');
      await client.query('RELEASE SAVEPOINT unit');
      outcomes.push(storeErrorOf(err));
    }
  }
  return outcomes;
}

/** The flush of Postgres's group commit. */
export function postgresFlush(db: PgDb): FlushGroup {
  return async (units) => {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await db.pool.connect();
      } catch (err) {
        if (attempt < RETRIES && isConnectionLoss(err)) continue;
        const mapped = storeErrorOf(err);
        for (const u of units) u.reject(mapped);
        return;
      }
      let committing = false;
      let broken = false;
      // A checked-out client whose connection dies emits 'error' besides failing its query; without
      // a listener that event would crash the process.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        const outcomes = await runGroup(client, units);
        committing = true;
        await client.query('COMMIT');
        units.forEach((u, i) => {
          const o = outcomes[i]!;
          if (o instanceof Error) u.reject(o);
          else u.resolve(o);
        });
        return;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        // A session whose prepared statements were deallocated behind its back (DEALLOCATE ALL
        // without DISCARD ALL) still says it has them: that connection is dropped, not pooled.
        const stale = (err as { code?: unknown }).code === STALE_PREPARED;
        if (stale) broken = true;
        // Lost before COMMIT was sent, chosen as a deadlock victim (another replica's group locked
        // the same rows in another order) or on a stale session: nothing committed, so the group
        // can run again.
        if (!committing && (stale || isConnectionLoss(err) || isRetryable(err)) && attempt < RETRIES) {
          await backoff(attempt);
          continue;
        }
        const mapped = storeErrorOf(err);
        for (const u of units) u.reject(mapped);
        return;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    }
  };
}
