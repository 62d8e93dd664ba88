// Versioned migrations: each backend lists its own DDL under the same version numbers, and a
// `schema_migrations` table records what has been applied so each step runs exactly once.

/** One schema step. Versions start at 1 and increase by one; a released step is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** SQLite only: the step rebuilds a referenced table, so foreign keys are off while it runs (and checked after). */
  rebuildsTables?: boolean;
}

/** Throws when versions are not 1..n in order (a programming error caught by the tests). */
export function checkMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`internal: migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
