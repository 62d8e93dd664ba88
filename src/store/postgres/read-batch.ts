// Reads issued in the same event-loop turn go to Postgres as one multi-statement query. A card's
// render reads ten tables at once and every callback reads its meeting; sent one by one, each read
// is a write to the socket, a round trip and a protocol exchange, and on a loaded host the
// socket writes alone cost more CPU than the rows (measured: docs/bench/callbacks.md). Reads of one
// row set by one key (every callback's meeting by session, a presence callback's room) that share a
// text go as one statement over all their keys: 50 EXECUTEs of the meeting read cost Postgres 0.78-
// 0.86 ms and node-postgres 0.9-1.7 ms (a result each: its row description, its objects), one
// `IN (...)` over the 50 keys 0.19-0.24 ms and 0.09-0.22 ms (docs/bench/callbacks.md, stop 36).

import type { Row } from '../columns.js';
import type { PgDb } from './db.js';
import { dollarQuoted, inlined, literal } from './inline.js';
import { CANNOT_PREPARE, preparedRead, refusePrepared } from './prepared.js';

interface QueuedRead {
  sql: string;
  params: unknown[];
  /** The read as one statement of the batch: an EXECUTE of its prepared text, or inlined. */
  statement: string;
  /** Its prepared statement's name and text, when it goes as an EXECUTE. */
  prepared?: { name: string; text: string };
  resolve(rows: Row[]): void;
  reject(err: unknown): void;
}

/** Largest batch: bounds one query's text and how long its first read waits for its last. */
const MAX_READS = 64;

/** A keyed read's table, key column and the conditions after the key's. */
type Keyed = { table: string; column: string; rest: string };
/**
 * `SELECT * FROM t WHERE c = $1` and optionally `AND` conditions without parameters: its rows are
 * exactly the rows of t whose c is the key, so several keys' rows come from one `c IN (...)` and
 * each read's are those whose c is its key. Anything that could make a row depend on the other rows
 * or on precedence (an ORDER, LIMIT, OR, JOIN, ...) keeps the read on its own.
 */
const KEYED = /^SELECT \* FROM (\w+) WHERE (\w+) = \$1((?: AND [^$;]+)?)$/;
const NOT_KEYED = /\b(ORDER|LIMIT|OFFSET|GROUP|HAVING|UNION|JOIN|FOR|WINDOW|FETCH|OR|NOT|IN|EXISTS)\b|\(/i;
const keyedForms = new Map<string, Keyed | null>();

/** The keyed form of `sql`, or null (see KEYED). */
function keyedOf(sql: string): Keyed | null {
  let k = keyedForms.get(sql);
  if (k !== undefined) return k;
  const m = KEYED.exec(sql);
  k = m && !NOT_KEYED.test(m[3]!) ? { table: m[1]!, column: m[2]!, rest: m[3]! } : null;
  // Statement texts are a fixed set; the bound only guards a mistake.
  if (keyedForms.size < 2_000) keyedForms.set(sql, k);
  return k;
}

/** One statement of a batch's message, the text it needs prepared, and how its rows reach its reads. */
interface Part {
  statement: string;
  prepared?: { name: string; text: string };
  /** The reads it answers. */
  reads: readonly QueuedRead[];
  /** False when the rows could not be handed out (the key column is not text): its reads go alone. */
  deliver(result: Result): boolean;
}

/** One statement's result, as node-postgres gives it. */
interface Result {
  rows: Row[];
  fields: Array<{ name: string; dataTypeID: number }>;
}

/** text and varchar: columns whose values are equal in Postgres exactly when their strings are. */
const TEXT_TYPES = new Set([25, 1043]);

/** Whether `r` can share a statement with other reads of its text (see KEYED; keys are strings). */
const mergeable = (r: QueuedRead) =>
  r.params.length === 1 && typeof r.params[0] === 'string' && keyedOf(r.sql) !== null;

/**
 * The statements of `batch`: one per read, except that reads of the same keyed text share one
 * statement over their keys, in the place of the first of them. The key column is in each row
 * (`SELECT *`), so the rows are handed out by it; text equality in Postgres is equality of the strings.
 */
function partsOf(batch: readonly QueuedRead[]): Part[] {
  const groups = new Map<string, QueuedRead[]>();
  for (const r of batch) {
    if (!mergeable(r)) continue;
    const g = groups.get(r.sql);
    if (g) g.push(r);
    else groups.set(r.sql, [r]);
  }
  const parts: Part[] = [];
  for (const r of batch) {
    const g = mergeable(r) ? groups.get(r.sql)! : [r];
    if (g.length === 1) {
      const deliver = (res: Result) => (r.resolve(res.rows), true);
      parts.push({
        statement: r.statement,
        ...(r.prepared ? { prepared: r.prepared } : {}),
        reads: g,
        deliver,
      });
    } else if (g[0] === r) {
      const k = keyedOf(r.sql)!;
      parts.push({ statement: mergedStatement(k, g), reads: g, deliver: (res) => deliverByKey(k, g, res) });
    }
  }
  return parts;
}

/** The one statement of several keyed reads of one text (their keys have literal forms: strings). */
function mergedStatement(k: Keyed, reads: readonly QueuedRead[]): string {
  const keys = new Set(reads.map((r) => r.params[0] as string));
  return `SELECT * FROM ${k.table} WHERE ${k.column} IN (${[...keys].map((key) => literal(key)).join(', ')})${k.rest}`;
}

/**
 * Each keyed read's rows: those whose key column is its key. Only a text column's values compare as
 * their strings do (an integer column holds 5 for the key '05'): for any other, the text is marked
 * not keyed and false is returned, so these reads run alone.
 */
function deliverByKey(k: Keyed, reads: readonly QueuedRead[], res: Result): boolean {
  const field = res.fields.find((f) => f.name === k.column);
  if (!field || !TEXT_TYPES.has(field.dataTypeID)) {
    keyedForms.set(reads[0]!.sql, null);
    return false;
  }
  const byKey = new Map<string, Row[]>();
  for (const row of res.rows) {
    const key = row[k.column] as string;
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  // Two reads of one key get the same rows but not the same objects, as two statements would.
  const handedOut = new Set<string>();
  for (const r of reads) {
    const key = r.params[0] as string;
    const rows = byKey.get(key) ?? [];
    r.resolve(handedOut.has(key) ? rows.map((row) => ({ ...row })) : rows);
    handedOut.add(key);
  }
  return true;
}

/** Collects reads per event-loop turn and sends each turn's reads as one query. */
export class ReadBatcher {
  private queue: QueuedRead[] = [];
  private scheduled = false;

  constructor(private readonly db: PgDb) {}

  /** The rows of one read; resolves as `db.rows(sql, params)` would. */
  rows(sql: string, params: unknown[]): Promise<Row[]> {
    // A read that locks rows waits for them; it must not hold the other reads of its batch.
    if (/\bFOR (SHARE|UPDATE)\b/.test(sql)) return this.db.rows(sql, params);
    // Its prepared form when it has one (migration 12: Postgres plans it once per session), else
    // inlined; a parameter with no literal form sends it on its own.
    const p = preparedRead({ sql, params });
    const statement = p ? `EXECUTE ${p[0]}${p[2]}` : inlined({ sql, params });
    if (statement === undefined) return this.db.rows(sql, params);
    const prepared = p && { name: p[0], text: p[1] };
    return new Promise((resolve, reject) => {
      this.queue.push({ sql, params, statement, ...(prepared ? { prepared } : {}), resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: reads of every request handled in this turn join the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) void this.send(this.queue.splice(0, MAX_READS));
  }

  private async send(batch: QueuedRead[]): Promise<void> {
    // A lone read that is not prepared goes as it is (one statement, the extended protocol).
    if (batch.length === 1 && !batch[0]!.prepared) {
      const [r] = batch as [QueuedRead];
      return this.db.rows(r.sql, r.params).then(r.resolve, r.reject);
    }
    let results: Result[];
    let parts: Part[];
    try {
      // No parameters: the simple query protocol, which runs several statements in one message
      // (one implicit transaction, so the reads also see one snapshot). The EXECUTEs follow
      // prepare_statements (migration 12), which prepares in this server session the texts it has
      // not prepared yet.
      parts = partsOf(batch);
      const statements = parts.map((p) => p.statement);
      const texts: Record<string, string> = {};
      for (const p of parts) if (p.prepared) texts[p.prepared.name] = p.prepared.text;
      const preparing = Object.keys(texts).length > 0;
      if (preparing)
        statements.unshift(`SELECT prepare_statements(${dollarQuoted(JSON.stringify(texts))}::jsonb)`);
      const res = (await this.db.query(statements.join(';\n'))) as unknown;
      // One statement (the keyed reads of one text, merged) comes back as one result, not a list.
      results = ((Array.isArray(res) ? res : [res]) as Result[]).slice(preparing ? 1 : 0);
    } catch (err) {
      // A text Postgres cannot prepare goes inlined from now on.
      if ((err as { code?: unknown }).code === CANNOT_PREPARE) refusePrepared((err as Error).message);
      // One read failed (or the connection did): each read again on its own, so each gets its own
      // answer and a bad read never fails the others.
      for (const r of batch) this.db.rows(r.sql, r.params).then(r.resolve, r.reject);
      return;
    }
    parts.forEach((p, i) => {
      if (!p.deliver(results[i]!))
        for (const r of p.reads) this.db.rows(r.sql, r.params).then(r.resolve, r.reject);
    });
  }
}
