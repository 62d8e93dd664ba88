// Runs the Dockerfile's steps without a Docker engine (CI has none): each stage gets a temp folder as
// its root, COPY copies from the checkout or from an earlier stage, RUN runs the npm steps for real
// (`npm ci`, `npm run build`, `npm ci --omit=dev`), and the runtime stage's CMD is started from its
// folder until the HEALTHCHECK command passes against /healthz. Any RUN step this script does not
// know fails it, so a changed Dockerfile is either simulated or noticed.
//
//   node .ci/docker-steps.mjs           build and start (about 2-3 minutes; uses the npm cache)
//   node .ci/docker-steps.mjs --check   only check the Dockerfile's shape (what test/deploy checks)
//
// better-sqlite3: a Docker build downloads its prebuilt binary. This machine may not reach GitHub, so
// the binary the checkout's own `npm ci` produced is served as that download (a local mirror);
// DOCKER_STEPS_COMPILE=1 compiles it from source instead.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const checkOnly = process.argv.includes('--check');

/** Dockerfile instructions: continuation lines joined, comments dropped. */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const out = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Cannot read Dockerfile line: ${line}`);
    out.push({ op: m[1].toUpperCase(), args: m[2].trim() });
  }
  return out;
}

/** Splits instructions into stages by FROM. */
function stagesOf(instructions) {
  const stages = [];
  for (const i of instructions) {
    if (i.op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
      stages.push({ image: m[1], name: m[2] ?? String(stages.length), steps: [] });
    } else if (!stages.length) throw new Error(`${i.op} before FROM`);
    else stages.at(-1).steps.push(i);
  }
  return stages;
}

const execForm = (args) => (args.startsWith('[') ? JSON.parse(args) : ['/bin/sh', '-c', args]);

/** Checks what the deployment docs promise about the image; returns the facts the run needs. */
export function checkShape(instructions) {
  const problems = [];
  const stages = stagesOf(instructions);
  const runtime = stages.at(-1);
  const ops = (op) => runtime.steps.filter((s) => s.op === op);
  if (stages.length < 2) problems.push('the Dockerfile is not multi-stage');
  for (const s of stages)
    if (!/^node:20\b/.test(s.image)) problems.push(`stage ${s.name} is not on node:20 (${s.image})`);
  if (!ops('RUN').some((s) => /\bnpm ci\b[^&]*--omit=dev/.test(s.args)))
    problems.push('the runtime stage does not run `npm ci --omit=dev`');
  if (runtime.steps.some((s) => s.op === 'RUN' && /npm run build|\btsc\b/.test(s.args)))
    problems.push('the runtime stage compiles TypeScript (it must only copy dist/)');
  const user = ops('USER').at(-1)?.args;
  if (!user || /^(root|0)(:|$)/.test(user))
    problems.push('the runtime stage does not switch to a non-root USER');
  const health = ops('HEALTHCHECK').at(-1)?.args ?? '';
  if (!/\/healthz/.test(health)) problems.push('no HEALTHCHECK on /healthz');
  const workdir = ops('WORKDIR').at(-1)?.args ?? '/';
  const env = Object.fromEntries(
    ops('ENV').flatMap((s) => [...s.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
  );
  const dbPath = /^sqlite:(.+)$/.exec(env.DATABASE_URL ?? '')?.[1];
  const dataDir = dbPath ? dirname(isAbsolute(dbPath) ? dbPath : join(workdir, dbPath)) : undefined;
  const volumes = ops('VOLUME').flatMap((s) =>
    s.args.startsWith('[') ? JSON.parse(s.args) : s.args.split(/\s+/),
  );
  if (!dataDir || !volumes.includes(dataDir))
    problems.push(
      `the data folder (${dataDir ?? 'DATABASE_URL unset'}) is not a VOLUME (${volumes.join(', ')})`,
    );
  const cmd = execForm(ops('CMD').at(-1)?.args ?? '[]');
  if (cmd.join(' ') !== 'node dist/src/main.js')
    problems.push(`CMD is not \`node dist/src/main.js\` (${cmd.join(' ')})`);
  if (!ops('EXPOSE').some((s) => s.args.split(/\s+/).includes(env.PORT ?? '3000')))
    problems.push('EXPOSE does not name the PORT the bot listens on');
  const healthCmd = execForm(health.replace(/^.*?\bCMD\s+/, ''));
  return { problems, stages, runtime, env, cmd, healthCmd, dataDir };
}

/** Serves the checkout's compiled better-sqlite3 as its prebuilt download; returns env for npm. */
async function prebuiltMirror(dir) {
  const pkgDir = join(ROOT, 'node_modules/better-sqlite3');
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tarball = join(dir, name);
  execFileSync('tar', ['-czf', tarball, '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  const server = createServer((req, res) => {
    if (req.url === `/v${version}/${name}`) {
      res.writeHead(200, { 'content-type': 'application/gzip' });
      res.end(readFileSync(tarball));
    } else res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const env = { npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${server.address().port}` };
  return { env, close: () => server.close() };
}

// Asynchronous, so the prebuilt mirror in this process can answer the npm run it serves.
async function run(cmd, args, cwd, env) {
  console.log(`  $ ${[cmd, ...args].join(' ')}   (in ${cwd})`);
  const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
  const [code, signal] = await new Promise((r) => child.once('exit', (c, s) => r([c, s])));
  if (code !== 0) throw new Error(`\`${[cmd, ...args].join(' ')}\` failed (${code ?? signal})`);
}

/** Runs one RUN line: npm steps and mkdir for real; ownership and cache cleaning are image-only. */
async function runStep(line, cwd, env) {
  for (const part of line.split('&&').map((p) => p.trim())) {
    const words = part.split(/\s+/);
    if (words[0] === 'npm' && words[1] === 'cache')
      console.log(`  (skipped: ${part}: it would empty the shared npm cache)`);
    else if (words[0] === 'npm') await run('npm', words.slice(1), cwd, env);
    else if (words[0] === 'mkdir')
      for (const d of words.slice(1).filter((w) => !w.startsWith('-')))
        mkdirSync(resolve(cwd, d), { recursive: true });
    else if (words[0] === 'chown') console.log(`  (skipped: ${part}: ownership only exists in the image)`);
    else throw new Error(`RUN step not simulated by .ci/docker-steps.mjs: ${part}`);
  }
}

async function build(shape, tmp) {
  const roots = new Map();
  const mirror = process.env.DOCKER_STEPS_COMPILE === '1' ? null : await prebuiltMirror(tmp);
  try {
    for (const stage of shape.stages) {
      const root = join(tmp, `stage-${stage.name}`);
      mkdirSync(root, { recursive: true });
      roots.set(stage.name, root);
      let cwd = root;
      const env = { ...process.env, npm_config_prefer_offline: 'true', ...(mirror?.env ?? {}) };
      delete env.NODE_ENV;
      console.log(`stage ${stage.name} (${stage.image}) in ${root}`);
      for (const { op, args } of stage.steps) {
        if (op === 'WORKDIR') mkdirSync((cwd = join(root, args)), { recursive: true });
        else if (op === 'ENV') for (const m of args.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
        else if (op === 'RUN') await runStep(args, cwd, env);
        else if (op === 'COPY') {
          const words = args.split(/\s+/);
          const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
          const paths = words.filter((w) => !w.startsWith('--'));
          const destRaw = paths.pop();
          const dest = resolve(cwd, destRaw);
          for (const src of paths) {
            const source = from ? join(roots.get(from), src) : join(ROOT, src);
            if (!existsSync(source)) throw new Error(`COPY source missing: ${src}`);
            // Docker: a folder's contents go into dest; a file goes into dest/ when dest names a folder.
            const intoFolder = destRaw.endsWith('/') || paths.length > 1;
            const target = statSync(source).isDirectory() || !intoFolder ? dest : join(dest, basename(src));
            cpSync(source, target, { recursive: true });
          }
        }
      }
    }
  } finally {
    mirror?.close();
  }
  return roots;
}

/** Starts the runtime stage's CMD with nothing configured and waits for its HEALTHCHECK to pass. */
async function start(shape, root) {
  const workdir = join(root, shape.runtime.steps.filter((s) => s.op === 'WORKDIR').at(-1).args);
  const { ENV_VARIABLES } = await import(join(workdir, 'dist/src/config.js'));
  const env = { ...process.env };
  for (const name of ENV_VARIABLES) delete env[name];
  Object.assign(env, shape.env);
  // 3000 may be taken on a CI host: the same image on another port.
  const probe = createServer();
  await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  env.PORT = String(probe.address().port);
  await new Promise((r) => probe.close(r));
  const [cmd, ...args] = shape.cmd;
  console.log(`starting \`${shape.cmd.join(' ')}\` in ${workdir} on port ${env.PORT}`);
  // Nothing configured means the console on the built-in emulator; its input stays open like `docker run -it`.
  const app = spawn(cmd, args, { cwd: workdir, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  app.stderr.on('data', (d) => (stderr += d));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`the bot exited with ${app.exitCode}:\n${stderr}`);
      const [hc, ...hcArgs] = shape.healthCmd;
      if (spawnSync(hc, hcArgs, { env, timeout: 5000 }).status === 0) break;
      if (Date.now() > deadline) throw new Error(`HEALTHCHECK did not pass within 60 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const health = await (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).json();
    console.log(`HEALTHCHECK passed: /healthz ${JSON.stringify(health)}`);
    const home = await fetch(`http://127.0.0.1:${env.PORT}/docs/security`);
    if (!home.ok)
      throw new Error(`/docs/security answered ${home.status}: the docs are missing from the image`);
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
  }
}

const shape = checkShape(parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')));
if (shape.problems.length) {
  console.error(`Dockerfile: ${shape.problems.join('; ')}.`);
  process.exit(1);
}
console.log(
  'Dockerfile shape: multi-stage, npm ci --omit=dev at runtime, non-root, HEALTHCHECK /healthz, data volume.',
);
if (!checkOnly) {
  const tmp = mkdtempSync(join(tmpdir(), 'docker-steps-'));
  try {
    const roots = await build(shape, tmp);
    await start(shape, roots.get(shape.runtime.name));
    console.log('docker steps: OK');
  } catch (err) {
    console.error(`docker steps failed: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
