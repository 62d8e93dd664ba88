// Small helpers to capture errors without tests that can pass vacuously.
import { VideoError } from '../../../src/video/index.js';

/** Runs `fn` and returns the VideoError it throws or rejects with; fails the test otherwise. */
export async function videoError(fn: () => unknown): Promise<VideoError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof VideoError) return e;
    throw new Error(`expected a VideoError, got ${String(e)}`);
  }
  throw new Error('expected a VideoError, but the call succeeded');
}
