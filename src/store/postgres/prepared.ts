// The prepared forms of statements (migration 12): a name for a statement's text, the text
// to prepare and the parameters as a literal argument list. Postgres then parses and plans a
// statement once per server session instead of at every run of inlined text. A write's text counts
// its rows (run_group's rules read them); a read's text is the read.

import { createHash } from 'node:crypto';
import { literal } from './inline.js';

/** Only plain writes: their row count is what run_group's rules read. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
const READ = /^\s*SELECT\b/i;
/**
 * A UNION (not UNION ALL) stays inlined: the card's people query, when it had three UNION parts,
 * measured 1.4 ms per run as a prepared statement against 0.33–0.37 ms inlined in the callbacks
 * benchmark, its generic plan (a hash aggregate) being worse than the plans made for each meeting
 * (docs/bench/callbacks.md, stop 23). Its UNION ALL form's generic plan is the per-meeting one.
 */
const UNION = /\bUNION\b(?!\s+ALL\b)/i;
const RETURNING = /\bRETURNING\b/i;
/** Statement texts are a fixed set (a handful per write kind); the bound only guards a mistake. */
const MAX_FORMS = 2_000;
/** A statement's prepared name and the text prepared under it. */
type Form = readonly [name: string, text: string];
/**
 * The form of each statement text seen, by kind (null: it stays inlined). Keyed by the text itself:
 * the dialect hands out one string per statement, whose hash V8 keeps, where a key built per call
 * (a prefix joined to the text) was hashed again at every write (docs/bench/callbacks.md, stop 29).
 */
const forms = { w: new Map<string, Form | null>(), r: new Map<string, Form | null>() };
/** Names Postgres refused to prepare (it said so with SQLSTATE VC001): sent inlined since. */
const refused = new Set<string>();

/** The SQLSTATE run_group and prepare_statements raise, the name as the message, for a text Postgres cannot prepare. */
export const CANNOT_PREPARE = 'VC001';

/** Remembers that `name` cannot be prepared, so its statement goes inlined from now on; false if known. */
export function refusePrepared(name: string): boolean {
  if (refused.has(name)) return false;
  refused.add(name);
  return true;
}

/** The text prepared for a plain write (counting its rows) or a read; null for any other statement. */
const PREPARED_TEXT = {
  w: (sql: string) =>
    WRITE.test(sql) && !RETURNING.test(sql) ? `WITH w AS (${sql} RETURNING 1) SELECT count(*) FROM w` : null,
  r: (sql: string) => (READ.test(sql) && !UNION.test(sql) ? sql : null),
};

/** The prepared form of `sql` as a write ("w", its text counting its rows) or a read ("r"), or null. */
function formOf(prefix: 'w' | 'r', sql: string): Form | null {
  const known = forms[prefix].get(sql);
  if (known !== undefined) return known;
  const text = PREPARED_TEXT[prefix](sql);
  // The name is a hash of the statement, so every replica agrees on it.
  const form =
    text === null
      ? null
      : ([`${prefix}_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text] as const);
  if (forms[prefix].size < MAX_FORMS) forms[prefix].set(sql, form);
  return form;
}

/** `params` as a literal argument list for EXECUTE ('' for none); undefined if one has no literal form. */
function argumentList(params: readonly unknown[]): string | undefined {
  const args: string[] = [];
  for (const p of params) {
    const l = literal(p);
    if (l === undefined) return undefined;
    args.push(l);
  }
  return args.length > 0 ? `(${args.join(', ')})` : '';
}

/** A statement and its parameters, as the dialect wrote it ($n placeholders). */
type Statement = { sql: string; params: readonly unknown[] };
/** The name of a statement's prepared text, that text, and its arguments as a literal list. */
type Prepared = [name: string, text: string, args: string];

/** `st` in its prepared form of `prefix`, unless it has none, Postgres refused it or a parameter has no literal. */
function prepare(prefix: 'w' | 'r', st: Statement): Prepared | undefined {
  const form = formOf(prefix, st.sql);
  if (form === null || refused.has(form[0])) return undefined;
  const args = argumentList(st.params);
  return args === undefined ? undefined : [form[0], form[1], args];
}

/** A write `st` prepared, its text counting its rows; undefined when it is not a plain write. */
export function preparedForm(st: Statement): Prepared | undefined {
  return prepare('w', st);
}

/** A read `st` prepared as it is; undefined when it is not a SELECT, or has a UNION that is not UNION ALL. */
export function preparedRead(st: Statement): Prepared | undefined {
  return prepare('r', st);
}
