// Rows from arrays. better-sqlite3 builds a row object in C++, one property at a time, and that is
// most of what a read of many rows costs: the live streams of a meeting of 80 people (80 rows of
// ten columns) took 180-200 us as objects against 96-101 us as raw arrays made into the same objects
// here (70 us with the arrays alone). The card refresher reads two such lists per edit. Postgres's
// snapshot document sends those two lists as JSON arrays too (concerns/snapshot.ts).

import type { Row } from './columns.js';

/** Makes a row object (column name to value, a later duplicate name winning) from a raw row. */
export type RowMaker = (values: readonly unknown[]) => Row;

/**
 * The row maker for a statement's column `names`: one object literal with those keys, so V8 gives
 * every row the same shape at once (a loop assigning the keys one by one measured ~12 % slower). The
 * names come from our own SQL; JSON.stringify quotes them, so no name can be read as code.
 */
export function rowMaker(names: readonly string[]): RowMaker {
  // `__proto__` as a literal key would set the prototype instead of a property.
  if (names.includes('__proto__')) return (values) => assign(names, values);
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as RowMaker;
}

function assign(names: readonly string[], values: readonly unknown[]): Row {
  const row: Row = {};
  names.forEach((n, i) =>
    Object.defineProperty(row, n, { value: values[i], enumerable: true, writable: true, configurable: true }),
  );
  return row;
}
