// The seq-guarded upsert, written once for both backends: SQLite (3.35+) and Postgres share the
// INSERT ... ON CONFLICT DO UPDATE ... WHERE syntax, only placeholders differ. The WHERE makes the
// guard atomic: an older event can never overwrite a newer state, whichever replica delivers it.

import type { TableSpec } from './columns.js';

/** Placeholder style: SQLite binds `?` in order, Postgres binds `$1..$n`. */
export type Placeholder = (index: number) => string;

/** SQLite placeholders. */
export const sqlitePlaceholder: Placeholder = () => '?';
/** Postgres placeholders. */
export const postgresPlaceholder: Placeholder = (i) => `$${i}`;

/** Builds `INSERT ... ON CONFLICT (keys) DO UPDATE ... WHERE excluded.seq >= t.seq` for `spec`. */
export function seqUpsertSql(spec: TableSpec, ph: Placeholder): string {
  const t = spec.name;
  const values = spec.columns.map((_, i) => ph(i + 1)).join(', ');
  const sets = spec.columns
    .filter((c) => !spec.keys.includes(c))
    .map((c) =>
      spec.keepExisting?.includes(c) ? `${c} = COALESCE(${t}.${c}, excluded.${c})` : `${c} = excluded.${c}`,
    )
    .join(', ');
  return (
    `INSERT INTO ${t} (${spec.columns.join(', ')}) VALUES (${values}) ` +
    `ON CONFLICT (${spec.keys.join(', ')}) DO UPDATE SET ${sets} WHERE excluded.seq >= ${t}.seq`
  );
}

/** Builds a plain INSERT of every column of `spec`. */
export function insertSql(spec: TableSpec, ph: Placeholder): string {
  const values = spec.columns.map((_, i) => ph(i + 1)).join(', ');
  return `INSERT INTO ${spec.name} (${spec.columns.join(', ')}) VALUES (${values})`;
}
