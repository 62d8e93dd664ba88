// WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside the commit that
// takes the WAL past 1,000 pages: on the event loop, copying the pages back into the database and
// waiting for two fsyncs. In the in-process callback benchmark that was 4 % of the commits and
// 54-62 % of the commits' time (5-7.5 ms each, every ~270 callbacks), and every request behind
// such a commit waited for it. Here a thread with its own connection checkpoints every quarter of
// a second, repeating while it makes progress so that it catches up with the writer. Then the writing
// connection checkpoints the few frames committed since, itself (`finish`), because SQLite starts
// the WAL over from its beginning only after that: with the thread's checkpoints alone, however
// complete, a WAL that was written all the while grew until the backstop (measured, SQLite
// 3.53). The connection's own automatic checkpoint stays on, at a much larger size, only as a
// backstop should the thread fall behind or fail.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../log.js';

/** The pages the WAL may reach before the writing connection checkpoints it itself (see above). */
export const BACKSTOP_PAGES = 16_000;
/** SQLite's default, restored when the thread is gone. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/** What the worker reports after checkpointing what the store committed since its last look, or when it fails. */
export type CheckpointReport =
  | { kind: 'checkpoint'; log: number; checkpointed: number; busy: number }
  | { kind: 'error'; message: string };

// An eval'd CommonJS worker: the same code runs from dist/ and under the test runner (which could
// not start a worker from a .ts file). It only reads what workerData passes and checkpoints.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const report = (r) => parentPort.postMessage(r);
const failed = (err) => report({ kind: 'error', message: String((err && err.message) || err) });
// PASSIVE never waits for (or blocks) the writer; each round copies what was committed meanwhile.
function checkpoint(db) {
  let r = { busy: 0, log: 0, checkpointed: 0 };
  for (let round = 0; round < workerData.rounds; round++) {
    r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (r.busy || r.log === r.checkpointed) break;
  }
  return r;
}
function run(db) {
  // Reported only when the store committed since the last check (data_version moves with every
  // other connection's commit): an idle store costs the writing connection no checkpoint of its own.
  let seen = -1;
  const timer = setInterval(() => {
    try {
      const version = db.pragma('data_version', { simple: true });
      if (version === seen) return;
      seen = version;
      const r = checkpoint(db);
      if (r.log > 0) report({ kind: 'checkpoint', ...r });
    } catch (err) {
      failed(err);
    }
  }, workerData.intervalMs);
  parentPort.on('message', (m) => {
    if (m !== 'close') return;
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}
let db = null;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
} catch (err) {
  failed(err);
  parentPort.close();
}
if (db) run(db);
`;

/** Options of {@link Checkpointer}. */
export interface CheckpointerOptions {
  /** The database file (not ':memory:'). */
  path: string;
  log: Logger;
  /** Sets the writing connection's automatic checkpoint size (pages). */
  setAutocheckpoint(pages: number): void;
  /** Checkpoints on the writing connection what the thread's checkpoint left (see above). */
  finish(): void;
  /** Between checkpoints (default 250 ms: the WAL holds about that much of the writes). */
  intervalMs?: number;
  /** Told of every report (tests, metrics). */
  onReport?: (r: CheckpointReport) => void;
}

/** Checkpoints one database's WAL from a worker thread until stopped. */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** Stopped or failed: nothing more is done with the thread's reports. */
  private done = false;

  constructor(private readonly opts: CheckpointerOptions) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver, path: opts.path, intervalMs: opts.intervalMs ?? 250, rounds: 8 },
    });
    // The thread alone must not keep the process alive; stop() ends it when the store closes.
    this.worker.unref();
    opts.setAutocheckpoint(BACKSTOP_PAGES);
    this.worker.on('message', (r: CheckpointReport) => {
      if (r.kind === 'error') this.fail(r.message);
      else if (!this.done) this.finish();
      opts.onReport?.(r);
    });
    this.worker.on('error', (err) => this.fail(err.message));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(`the thread exited (code ${code})`);
        resolve();
      }),
    );
  }

  /** Ends the thread (its connection closed first) and hands checkpoints back to the connection. */
  async stop(): Promise<void> {
    this.done = true;
    // Waited for now: an unreferenced thread's exit would not keep the process alive until it closed.
    this.worker.ref();
    this.worker.postMessage('close');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([this.exited, timeout]);
    await this.worker.terminate();
  }

  /** Runs the connection's share of a checkpoint; a failure there ends the thread's work too. */
  private finish(): void {
    try {
      this.opts.finish();
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
    }
  }

  /** The thread cannot checkpoint: the connection checkpoints at SQLite's default size again. */
  private fail(message: string): void {
    if (this.done) return;
    this.done = true;
    this.opts.log.warn('the WAL checkpoint thread failed; the store checkpoints on its own again', {
      error: message,
    });
    this.opts.setAutocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES);
    void this.worker.terminate();
  }
}
