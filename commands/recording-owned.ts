import type { Archive } from '../src/video/types.js';
import { isVideoError } from '../src/video/errors.js';
import type { MeetingRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import type { CommandContext } from './types.js';

/** Recording IDs are UUIDs; anything else is refused before a request is made. */
export const ARCHIVE_ID = /^[0-9a-fA-F-]{8,64}$/;

/** Fetches an archive and makes sure it belongs to this meeting's session (people may paste any ID). */
export async function ownedArchive(
  ctx: CommandContext,
  meeting: MeetingRecord,
  id: string,
): Promise<Archive> {
  const missing = new CommandError(
    `There is no recording \`${id.slice(0, 64)}\` in this meeting; \`/video recordings\` lists them.`,
  );
  try {
    const archive = await ctx.video.getArchive(id);
    if (archive.sessionId !== meeting.sessionId) throw missing;
    return archive;
  } catch (err) {
    if (isVideoError(err, 'not_found')) throw missing;
    throw err;
  }
}
