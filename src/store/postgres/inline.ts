// A statement with its parameters written into its text: what lets Postgres take several
// statements in one message (run_group for a group's writes, the simple protocol for a turn's reads).

import pg from 'pg';

/**
 * `st` as one self-contained statement: each `$n` replaced by its parameter as a quoted literal,
 * which Postgres types from its context exactly as it types an untyped parameter (pg sends these
 * parameters as the same text: `String(v)` for numbers and booleans). Undefined for any other kind
 * of parameter (a Buffer, an object): the caller then sends the statement with its parameters.
 */
export function inlined(st: { sql: string; params: readonly unknown[] }): string | undefined {
  let ok = true;
  const sql = st.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = literal(st.params[Number(n) - 1]);
    if (v === undefined) ok = false;
    return v ?? '';
  });
  return ok ? sql : undefined;
}

const NEEDS_ESCAPE = /['\\]/;
const NEEDS_ARRAY_ESCAPE = /["\\]/g;

/** `v` as a quoted SQL literal (or NULL); undefined for a parameter that has no literal form here. */
export function literal(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  // Text with no quote or backslash needs no escaping: pg.escapeLiteral would walk it in JavaScript.
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? pg.escapeLiteral(v) : `'${v}'`;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || typeof v === 'bigint')
    return `'${String(v)}'`;
  return undefined;
}

/**
 * `text` as a dollar-quoted literal: no character of it needs escaping, where escapeLiteral walks
 * every character in JavaScript (a group's arguments are tens of kilobytes). Escaped when the text
 * happens to contain the tag.
 */
export function dollarQuoted(text: string): string {
  return text.includes('$g$') ? pg.escapeLiteral(text) : `$g$${text}$g$`;
}

/** `values` as the text of a Postgres text[] literal (NULL for null). */
export function textArray(values: ReadonlyArray<string | null>): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(NEEDS_ARRAY_ESCAPE, '\\$&')}"`)).join(',')}}`;
}
