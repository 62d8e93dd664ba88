// Builds the compiled bot (dist/, what production runs) and starts replicas as separate node
// processes. A replica is ready when it logs "video-chatops is running" with its bound port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The test's own build of what `npm run build` compiles, so a concurrent build of dist/ elsewhere
// cannot swap the code under a running replica. Under node_modules, packages still resolve.
const OUT = `${ROOT}node_modules/.cache/replica-test-dist`;
const MAIN = `${OUT}/src/main.js`;

const LOCK = `${OUT}.lock`;
const STAMP = `${OUT}/.built-for`;

/**
 * Compiles src/, commands/ and adapters/ with the project's build config (tsconfig.build.json), once
 * per test run: several test files (in parallel worker processes of one vitest run) need it, so the
 * first builds under a lock and the others find the stamp of this run (the workers' parent process).
 */
export function buildDist(): void {
  // For quick iteration on the test itself (the build takes about a minute on a busy machine).
  if (process.env.REPLICA_TEST_SKIP_BUILD === '1' && existsSync(MAIN)) return;
  const run = String(process.ppid);
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock older than any build is left over from a killed run.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (existsSync(MAIN) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === run) return;
    compile();
    writeFileSync(STAMP, run);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function compile(): void {
  const out = spawnSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json', '--outDir', OUT],
    { cwd: ROOT, encoding: 'utf8' },
  );
  // tsc emits even when another part of the tree has a type error; only a missing entry point is fatal.
  if (!existsSync(MAIN)) throw new Error(`the build produced no ${MAIN}: ${out.stdout}${out.stderr}`);
  if (out.status !== 0)
    process.stderr.write(
      `the build reported problems (continuing with the emitted JS):\n${out.stdout.slice(0, 2000)}\n`,
    );
  // tsc copies no static files; the join page finds its assets next to its module.
  const assets = `${OUT}/src/join/public`;
  mkdirSync(`${OUT}/src/join`, { recursive: true });
  if (!existsSync(assets)) symlinkSync(`${ROOT}src/join/public`, assets, 'dir');
}

/** One running replica. */
export interface Replica {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Its log lines (JSON), for diagnosis and the checks. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `node dist/src/main.js` with `env` on an ephemeral port; resolves once it listens. */
export async function startReplica(
  name: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`replica ${name} did not start: ${lines.slice(-5).join('\n')}`)),
      timeoutMs,
    );
    let buf = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.includes('"video-chatops is running"')) {
          const port = (JSON.parse(line) as { port?: number }).port;
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`replica ${name} exited with ${code}: ${lines.slice(-5).join('\n')}`));
    });
  });
  return { name, url, pid: child.pid!, child, lines, exited };
}

/** Stops a replica gracefully (SIGTERM), or kills it if it does not exit in time. */
export async function stopReplica(r: Replica, timeoutMs = 10_000): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  r.child.kill('SIGTERM');
  const timer = setTimeout(() => r.child.kill('SIGKILL'), timeoutMs);
  await r.exited;
  clearTimeout(timer);
}
