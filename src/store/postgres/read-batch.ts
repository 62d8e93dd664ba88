// Reads issued in the same event-loop turn go to Postgres as one multi-statement query. A card's
// render reads ten tables at once and every callback reads its meeting; sent one by one, each read
// is a write to the socket, a round trip and a protocol exchange, and on a loaded host the
// socket writes alone cost more CPU than the rows (measured: docs/bench/callbacks.md).

import type { Row } from '../columns.js';
import type { PgDb } from './db.js';
import { inlined, dollarQuoted } from './inline.js';
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
    let results: Row[][];
    try {
      // No parameters: the simple query protocol, which runs several statements in one message
      // (one implicit transaction, so the reads also see one snapshot). The EXECUTEs follow
      // prepare_statements (migration 12), which prepares in this server session the texts it has
      // not prepared yet.
      const texts: Record<string, string> = {};
      for (const r of batch) if (r.prepared) texts[r.prepared.name] = r.prepared.text;
      const statements = batch.map((r) => r.statement);
      const preparing = Object.keys(texts).length > 0;
      if (preparing)
        statements.unshift(`SELECT prepare_statements(${dollarQuoted(JSON.stringify(texts))}::jsonb)`);
      const res = (await this.db.query(statements.join(';\n'))) as unknown;
      results = (res as Array<{ rows: Row[] }>).slice(preparing ? 1 : 0).map((r) => r.rows);
    } catch (err) {
      // A text Postgres cannot prepare goes inlined from now on.
      if ((err as { code?: unknown }).code === CANNOT_PREPARE) refusePrepared((err as Error).message);
      // One read failed (or the connection did): each read again on its own, so each gets its own
      // answer and a bad read never fails the others.
      for (const r of batch) this.db.rows(r.sql, r.params).then(r.resolve, r.reject);
      return;
    }
    batch.forEach((r, i) => r.resolve(results[i]!));
  }
}
