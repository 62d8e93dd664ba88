// The per-test harness the contract suites share: a fresh, empty, migrated store for each test and
// extra handles on the same database (another replica, or the same process after a restart).

import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

/** A backend under test: how to make isolated databases and look inside their migrations table. */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** A URL naming a new, empty database (a file, or a fresh Postgres schema) for one test. */
  newDatabaseUrl(): Promise<string>;
  /** The versions recorded in `schema_migrations` of the database at `url`. */
  migrationVersions(url: string): Promise<number[]>;
}

/** What a contract test sees. */
export interface Harness {
  target: StoreTarget;
  /** The store opened on this test's database. */
  store(): Store;
  /** This test's database URL. */
  url(): string;
  /** Opens another handle on this test's database; closed after the test. */
  open(opts?: { migrate?: boolean }): Promise<Store>;
}

/** Registers beforeEach/afterEach hooks that give every test its own database. */
export function useHarness(target: StoreTarget): Harness {
  let url = '';
  let main: Store | null = null;
  const extra: Store[] = [];
  beforeEach(async () => {
    url = await target.newDatabaseUrl();
    main = await openStore(url, { log: silentLogger });
  });
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await main?.close();
    main = null;
  });
  return {
    target,
    store: () => {
      if (!main) throw new Error('store used outside a test');
      return main;
    },
    url: () => url,
    async open(opts) {
      const s = await openStore(url, { log: silentLogger, migrate: opts?.migrate ?? true });
      extra.push(s);
      return s;
    },
  };
}
