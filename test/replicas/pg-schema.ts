// A fresh Postgres schema per test file, reached through a connection string whose `options` set
// search_path, so every replica and helper that opens that URL works inside it and nothing else.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the replica tests use (TEST_DATABASE_URL overrides). */
export const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema created for one test file. */
export interface FreshSchema {
  name: string;
  /** BASE_URL with search_path set to the schema. */
  url: string;
  drop(): Promise<void>;
}

/** Creates a uniquely named schema; drop() removes it and everything in it. */
export async function freshSchema(prefix: string, baseUrl = BASE_URL): Promise<FreshSchema> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: baseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return {
    name,
    url,
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
