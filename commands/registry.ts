import { audioStreamStart } from './audio-stream-start.js';
import { audioStreamStop } from './audio-stream-stop.js';
import { captionsStart } from './captions-start.js';
import { captionsStop } from './captions-stop.js';
import { composeStart } from './compose-start.js';
import { composeStop } from './compose-stop.js';
import { dial } from './dial.js';
import { dtmf } from './dtmf.js';
import { end } from './end.js';
import { focus } from './focus.js';
import { help } from './help.js';
import { join } from './join.js';
import { kick } from './kick.js';
import { layout } from './layout.js';
import { liveStart } from './live-start.js';
import { liveStop } from './live-stop.js';
import { mute } from './mute.js';
import { participants } from './participants.js';
import { recordStart } from './record-start.js';
import { recordStop } from './record-stop.js';
import { recordingLink } from './recording-link.js';
import { recordingTranscript } from './recording-transcript.js';
import { recordings } from './recordings.js';
import { room } from './room.js';
import { roomOff } from './room-off.js';
import { schedule } from './schedule.js';
import { scheduleCancel } from './schedule-cancel.js';
import { scheduleEdit } from './schedule-edit.js';
import { scheduleJoin } from './schedule-join.js';
import { scheduleList } from './schedule-list.js';
import { scheduleRsvp } from './schedule-rsvp.js';
import { recordingsDelete } from './recordings-delete.js';
import { signal } from './signal.js';
import { start } from './start.js';
import { status } from './status.js';
import type { Command } from './types.js';

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
  recordingTranscript,
  captionsStart,
  captionsStop,
  liveStart,
  liveStop,
  layout,
  focus,
  mute,
  kick,
  dial,
  dtmf,
  signal,
  composeStart,
  composeStop,
  audioStreamStart,
  audioStreamStop,
  room,
  roomOff,
  end,
  schedule,
  scheduleList,
  scheduleCancel,
  scheduleEdit,
  scheduleRsvp,
  scheduleJoin,
  help,
] as Command[];
