// The literals the Postgres store writes into statement text: each one read back by Postgres must be
// the value it stands for. Checked against Postgres itself, which is the reader that matters.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dollarQuoted, literal, textArray } from '../../src/store/postgres/inline.js';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const db = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 5_000 });
beforeAll(() => db.connect());
afterAll(() => db.end());

const awkward = [
  'plain',
  '',
  "O'Brien",
  'back\\slash',
  'quote " and \\" both',
  "'' $1 ? -- ; /* é 🎉 */\n\ttab",
  '$g$ tag inside',
  'NULL',
];

describe('Postgres literals', () => {
  it('quotes text and numbers so Postgres reads back the same value', async () => {
    for (const v of [...awkward, 42, -1.5, 1796607860298, true]) {
      const res = await db.query(`SELECT (${literal(v)})::text AS v`);
      expect(res.rows[0]?.v).toBe(String(v));
    }
    expect(literal(null)).toBe('NULL');
    expect([literal(Buffer.from('x')), literal(Number.NaN), literal({})]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('writes text[] literals that Postgres reads back element for element, NULL included', async () => {
    const values = [...awkward, null];
    const res = await db.query(`SELECT ${dollarQuoted(textArray(values))}::text[] AS v`);
    expect(res.rows[0]?.v).toEqual(values);
    expect((await db.query(`SELECT ${dollarQuoted(textArray([]))}::text[] AS v`)).rows[0]?.v).toEqual([]);
  });
});
