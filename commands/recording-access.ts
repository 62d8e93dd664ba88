import { z } from 'zod';
import type { LibraryItem, MeetingRecord, RecordingRecord } from '../src/store/types.js';
import type { Archive } from '../src/video/types.js';
import { isVideoError } from '../src/video/errors.js';
import { CommandError } from './errors.js';
import { canModerate, roleOf } from './roles.js';
import type { CommandContext, Invocation } from './types.js';

// Who may get a recording (a download link, a transcript): the meeting's host, moderators, people
// who attended it, and members of the channel it was held in. A request made in that channel (typed
// there, or a click on a message there: the platform signs where it came from) proves membership;
// from anywhere else (Slack App Home, another channel, a DM) the platform is asked.

/** The one sentence everyone else gets. */
export const NOT_YOURS =
  "Only the meeting's host, moderators, people who attended it and members of its channel can get this recording.";

/** Recording IDs are UUIDs; a prefix of at least 4 of their characters finds one. */
export const ARCHIVE_PREFIX = /^[0-9a-fA-F-]{4,64}$/;

/** The `<id>` argument of the commands that hand out one recording (`recording link`, `transcript`). */
export const recordingIdSchema = z.object({
  id: z.string({ error: 'is required' }).trim().regex(ARCHIVE_PREFIX, {
    error: 'must be a recording ID (or its first characters) from `/video recordings`',
  }),
});

/** The `<id>` option those commands declare. */
export const RECORDING_ID_OPTION = {
  name: 'id',
  type: 'string',
  description: 'Recording ID or its first characters',
  required: true,
  positional: true,
} as const;

/** Whether the person asking may get the recordings of `meeting`. */
export async function mayGetRecordings(
  inv: Invocation,
  ctx: Pick<CommandContext, 'store' | 'moderatorIds' | 'log'>,
  meeting: MeetingRecord,
): Promise<boolean> {
  if (meeting.platform !== inv.actor.platform || meeting.teamId !== inv.place.teamId) return false;
  if (canModerate(roleOf(inv.actor, meeting, ctx))) return true;
  if (inv.place.channelId === meeting.channelId) return true;
  if (await ctx.store.hasAttended(meeting.id, inv.actor.id)) return true;
  if (!inv.seesChannel) return false;
  try {
    return await inv.seesChannel({
      platform: meeting.platform,
      teamId: meeting.teamId,
      channelId: meeting.channelId,
    });
  } catch (err) {
    // Fail closed: a recording is never handed out on a guess.
    ctx.log.warn('channel membership check failed; refusing the recording', { err });
    return false;
  }
}

/**
 * The recording an ID or unambiguous ID prefix names, among those the person may get; throws a
 * one-sentence CommandError when none matches, several do (listing them), or the person may not.
 */
export async function resolveRecording(
  inv: Invocation,
  ctx: CommandContext,
  id: string,
): Promise<LibraryItem> {
  const wanted = id.toLowerCase();
  const found = await ctx.store.findRecordings(inv.actor.platform, inv.place.teamId, wanted, 20);
  if (found.length === 0)
    throw new CommandError(
      `There is no recording \`${id.slice(0, 64)}\`; \`/video recordings\` lists this channel's.`,
    );
  const allowed: LibraryItem[] = [];
  for (const item of found) if (await mayGetRecordings(inv, ctx, item.meeting)) allowed.push(item);
  if (allowed.length === 0) throw new CommandError(NOT_YOURS);
  const exact = allowed.find((i) => i.recording.id === wanted);
  if (exact) return exact;
  if (allowed.length === 1) return allowed[0]!;
  const list = allowed
    .slice(0, 5)
    .map((i) => `\`${i.recording.id}\` (${i.recording.name || 'Untitled'}, ${i.meeting.title})`)
    .join(', ');
  throw new CommandError(
    `\`${id}\` matches ${allowed.length} recordings: ${list}${allowed.length > 5 ? ', …' : ''}; give more of the ID.`,
  );
}

/** Why a recording has nothing to hand out any more, or null when its archive may still exist. */
export function goneReason(r: RecordingRecord): string | null {
  const name = `**${r.name || 'Untitled'}**`;
  if (r.retentionDays !== undefined)
    return `The recording ${name} was deleted after ${r.retentionDays} days (the retention period).`;
  if (r.status === 'deleted') return `The recording ${name} was deleted.`;
  if (r.status === 'expired') return `The recording ${name} has expired at the video service.`;
  return null;
}

/**
 * The recording `id` names, checked as `resolveRecording` does, and its archive read from the Video
 * API now (links in it are short-lived, so they are never stored); one sentence when it is gone, or
 * when the archive is not that meeting's session's (the store names the meeting, the API must agree).
 */
export async function fetchRecording(
  inv: Invocation,
  ctx: CommandContext,
  id: string,
): Promise<{ item: LibraryItem; archive: Archive; name: string }> {
  const item = await resolveRecording(inv, ctx, id);
  const name = `**${item.recording.name || 'Untitled'}**`;
  const gone = goneReason(item.recording);
  if (gone) throw new CommandError(gone, undefined, 'warning');
  const archive = await ctx.video.getArchive(item.recording.id).catch((err: unknown) => {
    if (isVideoError(err, 'not_found'))
      throw new CommandError(`The video service no longer has the recording ${name}.`);
    throw err;
  });
  if (archive.sessionId !== item.meeting.sessionId)
    throw new CommandError(`There is no recording \`${id}\`; \`/video recordings\` lists this channel's.`);
  return { item, archive, name };
}
