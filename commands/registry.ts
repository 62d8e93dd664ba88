import type { Command } from './types.js';
import { help } from './help.js';
import { join } from './join.js';
import { participants } from './participants.js';
import { recordStart } from './record-start.js';
import { recordStop } from './record-stop.js';
import { recordingLink } from './recording-link.js';
import { recordings } from './recordings.js';
import { recordingsDelete } from './recordings-delete.js';
import { start } from './start.js';
import { status } from './status.js';

/** Every `/video` subcommand, in the order help lists them (no folder scanning). */
export const commands: readonly Command[] = [
  start,
  join,
  status,
  participants,
  recordStart,
  recordStop,
  recordings,
  recordingsDelete,
  recordingLink,
  help,
] as Command[];
