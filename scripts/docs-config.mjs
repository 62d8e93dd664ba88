// `npm run docs:config`: rewrites the configuration table in README.md (between its markers) from
// src/config-vars.ts, so the table lists exactly the variables src/config.ts reads. Runs the
// compiled code (the npm script builds first); test/config/readme-table.test.ts checks the result.
import { readFileSync, writeFileSync } from 'node:fs';
import prettier from 'prettier';
import { configTable, TABLE_END, TABLE_START } from '../dist/src/config-vars.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start < 0 || end < start) {
  console.error(`README.md has no configuration table markers:\n${TABLE_START}\n${TABLE_END}`);
  process.exit(1);
}
const next = `${readme.slice(0, start + TABLE_START.length)}\n\n${configTable()}\n\n${readme.slice(end)}`;
const options = (await prettier.resolveConfig(path.pathname)) ?? {};
const formatted = await prettier.format(next, { ...options, filepath: path.pathname });
if (formatted === readme) console.log('README.md configuration table is up to date.');
else {
  writeFileSync(path, formatted);
  console.log('README.md configuration table rewritten from src/config-vars.ts.');
}
