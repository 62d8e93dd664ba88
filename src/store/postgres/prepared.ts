// The prepared forms of statements (migration 12): a name for a statement's text, the text
// to prepare and the parameters as a literal argument list. Postgres then parses and plans a
// statement once per server session instead of at every run of inlined text. A write's text counts
// its rows (run_units' rules read them); a read's text is the read.

import { createHash } from 'node:crypto';
import { literal } from './inline.js';

/** Only plain writes: their row count is what run_units' rules read. */
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
const MAX_NAMES = 2_000;
const names = new Map<string, string>();
/** Names Postgres refused to prepare (it said so with SQLSTATE VC001): sent inlined since. */
const refused = new Set<string>();

/** The SQLSTATE run_units and prepare_statements raise, the name as the message, for a text Postgres cannot prepare. */
export const CANNOT_PREPARE = 'VC001';

/** Remembers that `name` cannot be prepared, so its statement goes inlined from now on; false if known. */
export function refusePrepared(name: string): boolean {
  if (refused.has(name)) return false;
  refused.add(name);
  return true;
}

/** The session-wide name of `text` (a hash of it, so every replica agrees on it). */
function nameOf(prefix: 'w' | 'r', text: string): string {
  const key = `${prefix}${text}`;
  let name = names.get(key);
  if (name === undefined) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < MAX_NAMES) names.set(key, name);
  }
  return name;
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

/** `st` prepared as `text` under a name of `prefix`, unless Postgres refused it or a parameter has no literal. */
function prepare(prefix: 'w' | 'r', st: Statement, text: string): Prepared | undefined {
  const name = nameOf(prefix, st.sql);
  const args = refused.has(name) ? undefined : argumentList(st.params);
  return args === undefined ? undefined : [name, text, args];
}

/** A write `st` prepared, its text counting its rows; undefined when it is not a plain write. */
export function preparedForm(st: Statement): Prepared | undefined {
  if (!WRITE.test(st.sql) || RETURNING.test(st.sql)) return undefined;
  return prepare('w', st, `WITH w AS (${st.sql} RETURNING 1) SELECT count(*) FROM w`);
}

/** A read `st` prepared as it is; undefined when it is not a SELECT, or has a UNION that is not UNION ALL. */
export function preparedRead(st: Statement): Prepared | undefined {
  if (!READ.test(st.sql) || UNION.test(st.sql)) return undefined;
  return prepare('r', st, st.sql);
}
