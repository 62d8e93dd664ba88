// The prepared form of a write in a run_units group (migration 12): a name for its text, the text
// counting its rows, and its parameters as a literal argument list. Postgres then parses and plans
// the statement once per server session instead of at every EXECUTE of inlined text.

import { createHash } from 'node:crypto';
import { literal } from './inline.js';

/** Only plain writes: their row count is what run_units' rules read. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
const RETURNING = /\bRETURNING\b/i;
/** Statement texts are a fixed set (a handful per write kind); the bound only guards a mistake. */
const MAX_NAMES = 2_000;
const names = new Map<string, string>();
/** Names Postgres refused to prepare (run_units said so with SQLSTATE VC001): sent inlined since. */
const refused = new Set<string>();

/** The SQLSTATE run_units raises, with the statement's name as the message, for a text it cannot prepare. */
export const CANNOT_PREPARE = 'VC001';

/** Remembers that `name` cannot be prepared, so its statement goes inlined from now on; false if known. */
export function refusePrepared(name: string): boolean {
  if (refused.has(name)) return false;
  refused.add(name);
  return true;
}

/** The session-wide name of `sql` (a hash of its text, so every replica agrees on it). */
function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `w_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < MAX_NAMES) names.set(sql, name);
  }
  return name;
}

/** [name, text to prepare, argument list] for `st`, or undefined when it is not a plain write. */
export function preparedForm(st: {
  sql: string;
  params: readonly unknown[];
}): [string, string, string] | undefined {
  if (!WRITE.test(st.sql) || RETURNING.test(st.sql)) return undefined;
  const name = nameOf(st.sql);
  if (refused.has(name)) return undefined;
  const args: string[] = [];
  for (const p of st.params) {
    const l = literal(p);
    if (l === undefined) return undefined;
    args.push(l);
  }
  const text = `WITH w AS (${st.sql} RETURNING 1) SELECT count(*) FROM w`;
  return [name, text, args.length > 0 ? `(${args.join(', ')})` : ''];
}
