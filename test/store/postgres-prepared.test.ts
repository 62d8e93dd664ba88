// The prepared form of a group's writes (src/store/postgres/prepared.ts), without a database.

import { describe, expect, it } from 'vitest';
import { preparedForm, preparedRead, refusePrepared } from '../../src/store/postgres/prepared.js';

describe('preparedForm', () => {
  it('names a plain write by its text, counts its rows and lists its arguments as literals', () => {
    const st = {
      sql: 'UPDATE meetings SET title = $1, mute_all = $2 WHERE id = $3',
      params: ["O'Brien", true, null],
    };
    const [name, text, args] = preparedForm(st)!;
    expect(name).toMatch(/^w_[0-9a-f]{24}$/);
    expect(preparedForm({ ...st, params: ['x', false, 'm1'] })![0]).toBe(name);
    expect(text).toBe(`WITH w AS (${st.sql} RETURNING 1) SELECT count(*) FROM w`);
    expect(args).toBe("('O''Brien', 'true', NULL)");
    expect(preparedForm({ sql: 'DELETE FROM leases', params: [] })![2]).toBe('');
  });

  it('leaves to the inlined form what is not a plain write, or has a parameter with no literal', () => {
    expect(preparedForm({ sql: 'SELECT * FROM meetings WHERE id = $1', params: ['m1'] })).toBeUndefined();
    expect(
      preparedForm({ sql: 'DELETE FROM leases WHERE name = $1 RETURNING name', params: ['a'] }),
    ).toBeUndefined();
    expect(
      preparedForm({ sql: 'DELETE FROM leases WHERE name = $1', params: [Buffer.from('a')] }),
    ).toBeUndefined();
  });

  it('sends a statement Postgres refused to prepare inlined from then on', () => {
    const st = { sql: 'DELETE FROM leases WHERE holder = $1', params: ['h'] };
    const name = preparedForm(st)![0];
    expect(refusePrepared(name)).toBe(true);
    expect(refusePrepared(name)).toBe(false);
    expect(preparedForm(st)).toBeUndefined();
  });

  it('prepares a SELECT as it is, under a name of its own', () => {
    const sql = 'SELECT * FROM meetings WHERE id = $1';
    const [name, text, args] = preparedRead({ sql, params: ['m1'] })!;
    expect([name.startsWith('r_'), text, args]).toEqual([true, sql, "('m1')"]);
    expect(preparedRead({ sql: 'DELETE FROM leases', params: [] })).toBeUndefined();
    // A UNION's generic plan measured slower than its per-meeting plans: it stays inlined.
    expect(
      preparedRead({
        sql: 'SELECT a FROM t WHERE m = $1 UNION SELECT a FROM u WHERE m = $1',
        params: ['m1'],
      }),
    ).toBeUndefined();
  });
});
