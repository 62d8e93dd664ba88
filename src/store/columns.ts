// Column readers shared by both backends. SQLite hands back integers for booleans and numbers for
// BIGINT; pg hands back booleans and strings for BIGINT (int8 overflows a JS number in general, ours
// are millisecond timestamps and counters, which fit). JSON is stored as TEXT in both so that a
// value round-trips byte for byte whatever its shape.

/** A database row: column name to raw driver value. */
export type Row = Record<string, unknown>;

/** Describes a table for the shared upsert builder: its columns in bind order and its key. */
export interface TableSpec {
  name: string;
  columns: readonly string[];
  keys: readonly string[];
  /** Columns an upsert never overwrites once set (facts only one writer knows, e.g. who started it). */
  keepExisting?: readonly string[];
}

/** Returns the values of `row` in the order of `spec.columns`, ready to bind positionally. */
export function valuesOf(spec: TableSpec, row: Row): unknown[] {
  return spec.columns.map((c) => {
    if (!(c in row)) throw new Error(`internal: missing column ${spec.name}.${c}`);
    return row[c];
  });
}

/** Reads a numeric column (BIGINT arrives from pg as a string). */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Reads a nullable numeric column. */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

/** Reads a text column. */
export function str(v: unknown): string {
  return String(v);
}

/** Reads a nullable text column. */
export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** Reads a flag column (SQLite 0/1, Postgres boolean). */
export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n;
}

/** Booleans are bound as 0/1: better-sqlite3 refuses JS booleans, Postgres parses '0'/'1' as boolean. */
export function flag(v: boolean): number {
  return v ? 1 : 0;
}

/** Encodes a value for a JSON TEXT column. */
export function jsonOut(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v);
}

/** Decodes a JSON TEXT column. */
export function jsonIn<T>(v: unknown): T {
  return JSON.parse(String(v)) as T;
}

/** Turns `undefined` (an absent optional field) into SQL NULL. */
export function nul<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}
