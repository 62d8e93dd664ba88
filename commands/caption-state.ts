import type { CaptionRunRecord, MeetingRecord } from '../src/store/types.js';
import type { CommandContext } from './types.js';

// What the store knows about a meeting's live captions, for the captions commands.

/** Caption languages as the Video API takes them (BCP-47 with a region, e.g. en-US, pt-BR). */
export const CAPTION_LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;

/** The newest run that was asked for or reported started and has not stopped, if any. */
export async function liveCaptionRun(
  ctx: CommandContext,
  meeting: MeetingRecord,
): Promise<CaptionRunRecord | undefined> {
  const runs = await ctx.store.listCaptionRuns(meeting.id);
  return runs
    .filter((r) => r.status === 'started' || r.status === 'requested')
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}
