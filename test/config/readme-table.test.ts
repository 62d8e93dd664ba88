import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config.js';
import { configTableRows, ENV_DOCS, TABLE_END, TABLE_START } from '../../src/config-vars.js';

// The README's configuration table is generated from src/config-vars.ts (`npm run docs:config`),
// whose keys are the schema's: this fails when the README, the descriptions and the schema disagree.

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README table between the markers, as rows of trimmed cells (header and separator dropped). */
function readmeRows(): string[][] {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  expect(start, 'README.md lacks the config-table markers').toBeGreaterThanOrEqual(0);
  return readme
    .slice(start + TABLE_START.length, end)
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^-+$/.test(c)));
}

describe('README configuration table', () => {
  it('describes exactly the variables src/config.ts reads', () => {
    expect(Object.keys(ENV_DOCS).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('is what `npm run docs:config` generates', () => {
    expect(readmeRows()).toEqual(configTableRows());
  });

  it('names every variable once', () => {
    const names = readmeRows()
      .slice(1)
      .map((r) => r[0]!.replace(/`/g, ''));
    expect(names.sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
