import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Screenshots land in docs/ (for the README) only when asked with UPDATE_SCREENSHOTS=1, so an
// ordinary test run never dirties the work tree; otherwise they go to a temporary folder.
const docs = new URL('../../docs/', import.meta.url).pathname;

/** Folder (with trailing slash) where the browser tests save their screenshots. */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? docs : join(tmpdir(), 'video-chatops-screens') + '/';
mkdirSync(SCREENSHOT_DIR, { recursive: true });
