// The SQLite driver's row maker: rows from raw arrays, the same objects better-sqlite3 builds.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rowMaker } from '../../src/store/row-maker.js';

describe('rowMaker', () => {
  it('builds the object better-sqlite3 would, a later duplicate name winning', () => {
    const db = new Database(':memory:');
    try {
      db.exec(
        "CREATE TABLE t (a INTEGER, b TEXT, c REAL); INSERT INTO t VALUES (1, 'x', 2.5), (NULL, NULL, NULL)",
      );
      const sql = 'SELECT *, b AS a, c AS "odd name""}" FROM t';
      const names = (db.prepare(sql).columns() as Array<{ name: string }>).map((c) => c.name);
      const made = (db.prepare(sql).raw(true).all() as unknown[][]).map(rowMaker(names));
      expect(made).toEqual(db.prepare(sql).all());
      expect(made[0]).toEqual({ a: 'x', b: 'x', c: 2.5, 'odd name"}': 2.5 });
    } finally {
      db.close();
    }
  });

  it('keeps a column named __proto__ a property, not the prototype', () => {
    const row = rowMaker(['__proto__', 'a'])([{ polluted: true }, 1]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'a']);
    expect((row as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
