import type { Block } from '../src/chat.js';
import { roomUrl } from '../src/rooms/links.js';
import type { RoomRecord } from '../src/store/types.js';
import type { CommandContext } from './types.js';

// How a room is shown: the same fields when it is made and when `/video room` asks about it.

/** The blocks describing `room`: its stable link and its settings. */
export function roomBlocks(
  ctx: Pick<CommandContext, 'publicUrl' | 'roomIdleEndMs'>,
  room: RoomRecord,
): Block[] {
  const minutes = Math.round((ctx.roomIdleEndMs ?? 5 * 60_000) / 60_000);
  return [
    { type: 'link', label: `Open ${room.title}`, url: roomUrl(ctx.publicUrl, room.id) },
    {
      type: 'fields',
      fields: [
        { label: 'Layout', value: room.layout ? `\`${room.layout}\`` : 'default' },
        { label: 'Records automatically', value: room.autoRecord ? 'yes' : 'no' },
        { label: 'End-to-end encrypted', value: room.e2ee ? 'yes' : 'no' },
        {
          label: 'Captions language',
          value: room.captionsLanguage ? `\`${room.captionsLanguage}\`` : 'not set',
        },
        { label: 'Made by', value: room.createdByName },
      ],
    },
    {
      type: 'context',
      text: `The link stays the same; it asks for \`/video join\` here so everyone gets their own link. \`/video start\` and \`/video join\` use this room, and its meeting ends ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} after the last person leaves.`,
    },
  ];
}
