import { z } from 'zod';
import { CommandError } from './errors.js';
import { meetingOf } from './meeting.js';
import { stopAudioStreams } from './teardown.js';
import type { Command } from './types.js';
import { announce } from './views.js';

const schema = z.object({});

/** `audio-stream stop`: stops the meeting's Audio Connector connections. */
export const audioStreamStop: Command<typeof schema> = {
  name: 'audio-stream stop',
  summary: 'Stop streaming audio',
  usage: '/video audio-stream stop',
  options: [],
  schema,
  role: 'moderator',
  announces: true,
  needsMeeting: true,
  async run(_args, inv, ctx) {
    const meeting = meetingOf(ctx);
    const active = (await ctx.store.listAudioStreams(meeting.id)).filter((a) => a.status === 'active');
    if (active.length === 0) throw new CommandError('No audio stream is running.');
    await stopAudioStreams(ctx, meeting, active);
    ctx.writes.changed(meeting.id);
    return announce(`${inv.actor.name} stopped the audio stream.`);
  },
};
