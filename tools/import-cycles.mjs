// Finds import cycles among the project's TypeScript modules (src/, commands/, adapters/ by default)
// and exits non-zero when there is one, naming every module of each cycle. Run by `npm run lint`.
// Runtime imports count, dynamic `import()` included (a cycle hidden behind one is still a cycle);
// type-only imports are erased by the compiler and count only with --types.
//   node tools/import-cycles.mjs [--types] [dir ...]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.cwd());
// Cycles that predate this check, each with who should break it; they are reported but do not fail.
// Remove an entry once its cycle is gone (a cycle that changes shape fails again).
const KNOWN = new Set([]);
const args = process.argv.slice(2);
const withTypes = args.includes('--types');
const named = args.filter((a) => a !== '--types');
const dirs = named.length > 0 ? named : ['src', 'commands', 'adapters'];

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

/** Whether an import or export declaration brings in nothing but types. */
function typeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // a side-effect import runs the module
    if (clause.isTypeOnly) return true;
    const bindings = clause.namedBindings;
    return (
      !clause.name &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((e) => e.isTypeOnly)
    );
  }
  const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
  return node.isTypeOnly || (named.length > 0 && named.every((e) => e.isTypeOnly));
}

/** The module specifiers `file` imports: static imports, re-exports and dynamic import(). */
function specifiers(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (withTypes || !typeOnly(node)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const files = dirs.flatMap((d) => walk(resolve(root, d)));
const graph = new Map(
  files.map((file) => {
    const deps = specifiers(file)
      .map((spec) => target(file, spec))
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

const found = cycles.map((c) =>
  c
    .map((f) => relative(root, f))
    .sort()
    .join(' <-> '),
);
const fresh = found.filter((n) => !KNOWN.has(n));
for (const n of found.filter((x) => KNOWN.has(x))) console.warn(`import cycle (known, to be broken): ${n}`);
for (const n of fresh) console.error(`import cycle: ${n}`);
if (fresh.length > 0) process.exitCode = 1;
else console.log(`import-cycles: no new cycles among ${files.length} modules in ${dirs.join(', ')}.`);
