// Finds import cycles among the project's TypeScript modules (src/, commands/, adapters/ by default)
// and exits non-zero when there is one, naming every module of each cycle. Run by `npm run lint`.
// Type-only imports count too: a cycle of types is still two modules that cannot be read apart.
//   node tools/import-cycles.mjs [dir ...]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.cwd());
// Cycles that predate this check, each with who should break it; they are reported but do not fail.
// Remove an entry once its cycle is gone (a cycle that changes shape fails again).
const KNOWN = new Set([
  // src/emulator (the emulator's owner): the composer joins as a participant, and a meeting that
  // ends stops its renders.
  'src/emulator/meeting.ts <-> src/emulator/rendering.ts',
]);
const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'commands', 'adapters'];

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The module a relative specifier names (`./x.js` -> `./x.ts`), or null for packages and assets. */
function target(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

const files = dirs.flatMap((d) => walk(resolve(root, d)));
const graph = new Map(
  files.map((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles
      .map((f) => target(file, f.fileName))
      .filter((t) => t && files.includes(t));
    return [file, [...new Set(deps)]];
  }),
);

// Tarjan's strongly connected components: every component of more than one module (or a module
// importing itself) is a cycle.
let index = 0;
const stack = [];
const meta = new Map();
const cycles = [];
function connect(v) {
  meta.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!meta.has(w)) {
      connect(w);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
    } else if (meta.get(w).onStack) {
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
    }
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!meta.has(v)) connect(v);

const named = cycles.map((c) =>
  c
    .map((f) => relative(root, f))
    .sort()
    .join(' <-> '),
);
const fresh = named.filter((n) => !KNOWN.has(n));
for (const n of named.filter((x) => KNOWN.has(x))) console.warn(`import cycle (known, to be broken): ${n}`);
for (const n of fresh) console.error(`import cycle: ${n}`);
if (fresh.length > 0) process.exitCode = 1;
else console.log(`import-cycles: no new cycles among ${files.length} modules in ${dirs.join(', ')}.`);
