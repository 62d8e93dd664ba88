// The few places where SQLite and Postgres spell the same statement differently. Every statement of
// the store is written once, with `?` placeholders, and passed through its backend's dialect.

/** How one backend spells what differs. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** The driver's text for SQL written with `?` placeholders (cached: statements are reused). */
  text(sql: string): string;
  /** `column` is one of the strings of a JSON array bound as one parameter. */
  inJsonArray(column: string): string;
  /** The larger of two values (SQLite's two-argument MAX, Postgres's GREATEST). */
  greatest(a: string, b: string): string;
  /** Appended to a SELECT that feeds an UPDATE, so concurrent claimers skip each other's rows. */
  readonly skipLocked: string;
  /** Appended to a read whose row must not change until the transaction ends. */
  readonly forShare: string;
}

/** SQLite: `?` placeholders as written; one writer at a time, so no row locks. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  text: (sql) => sql,
  inJsonArray: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  greatest: (a, b) => `MAX(${a}, ${b})`,
  skipLocked: '',
  forShare: '',
};

const numbered = new Map<string, string>();

/** Postgres: `?` becomes `$1..$n`; row locks for claims. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  text(sql) {
    let out = numbered.get(sql);
    if (out === undefined) {
      let n = 0;
      // Our statements hold no `?` inside string literals, so every `?` is a placeholder.
      out = sql.replace(/\?/g, () => `$${++n}`);
      numbered.set(sql, out);
    }
    return out;
  },
  inJsonArray: (column) => `${column} IN (SELECT json_array_elements_text(CAST(? AS json)))`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  forShare: ' FOR SHARE',
};
