import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { STATE_VERSION, type SavedState } from './state-codec.js';

// The emulator's state on disk: one JSON file, replaced atomically (write a temporary file, fsync,
// rename) so a crash leaves the old or the new state, never half of one. Writes are debounced and
// never overlap: a burst of changes costs one write, and the event loop never waits on the disk.

/** How long after a change the state is written (changes in between share the write). */
const DEBOUNCE_MS = 50;

/**
 * Reads a saved state; undefined when there is none. An unreadable or foreign file is moved aside
 * (`<file>.unreadable-<time>`) and reported through `warn`, so a start never fails on it.
 */
export async function readState(
  file: string,
  warn: (message: string) => void,
): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`The emulator cannot read its state file ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    const saved = JSON.parse(text) as SavedState;
    if (saved && saved.version === STATE_VERSION && Array.isArray(saved.sessions)) return saved;
  } catch {
    // Reported below.
  }
  const aside = `${file}.unreadable-${Date.now()}`;
  await rename(file, aside).catch(() => undefined);
  warn(
    `The emulator's state file could not be read; it was moved to ${aside} and the emulator starts empty.`,
  );
  return undefined;
}

/** Deletes a saved state (the CLI's --reset). */
export async function removeState(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Writes the state `snapshot()` returns, at most once per debounce period, atomically. */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => SavedState,
    private readonly warn: (message: string) => void,
  ) {}

  /** Notes a change; the write follows shortly. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, DEBOUNCE_MS);
  }

  /** Writes any pending change now and stops writing; later changes are ignored. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.dirty) await this.write(true);
  }

  private async write(final = false): Promise<void> {
    if (this.writing || (this.closed && !final)) return;
    this.dirty = false;
    const text = JSON.stringify(this.snapshot());
    this.writing = writeAtomically(this.file, text).catch((err: unknown) => {
      this.warn(`The emulator could not save its state to ${this.file}: ${(err as Error).message}`);
    });
    await this.writing;
    this.writing = undefined;
    // Changes made while writing get their own write.
    if (this.dirty && !this.closed) this.changed();
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  // The file holds the project's API secret: readable by its owner only.
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
