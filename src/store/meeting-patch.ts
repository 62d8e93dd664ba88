// Turns a partial meeting update into (column, value) pairs; shared so both backends accept
// exactly the same fields and encode them the same way.

import type { MeetingPatch } from './types.js';
import { flag, jsonOut } from './columns.js';

export type { MeetingPatch } from './types.js';

/** Columns to set for `patch`, in a fixed order so the SQL text (and its prepared statement) is reused. */
export function meetingPatchColumns(patch: MeetingPatch): Array<[column: string, value: unknown]> {
  const out: Array<[string, unknown]> = [];
  if (patch.title !== undefined) out.push(['title', patch.title]);
  if (patch.status !== undefined) out.push(['status', patch.status]);
  if (patch.muteAll !== undefined) out.push(['mute_all', flag(patch.muteAll)]);
  if (patch.layout !== undefined) out.push(['layout', patch.layout === null ? null : jsonOut(patch.layout)]);
  if (patch.endedAt !== undefined) out.push(['ended_at', patch.endedAt]);
  return out;
}
