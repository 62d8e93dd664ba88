// `/video <text>` after its ack: actor with workspace role, one dispatch per trigger, reply by response_url.
import { dispatch } from '../../commands/dispatch.js';
import type { View } from '../../src/chat.js';
import { deliver } from './deliver.js';
import { DELIVERY_TTL_MS, first, place, type CommandArgs, type ListenerDeps } from './listener-deps.js';
import { unescapeSlack } from './mrkdwn.js';

/**
 * Runs a slash command through the core and delivers its reply (returned). `recovered`: a request
 * taken over from a replica that died after acking it, so the repeat check it may have passed is skipped.
 */
export async function onSlash(
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
  d: ListenerDeps,
  recovered = false,
): Promise<View | undefined> {
  const team = command.team_id;
  if (!recovered && !(await first(d, 'slack-delivery', `cmd:${team}:${command.trigger_id}`, DELIVERY_TTL_MS)))
    return undefined;
  const actor = await d.roles.actor(team, command.user_id, command.user_name);
  const where = place(team, command.channel_id);
  const view = await dispatch(
    {
      actor,
      place: where,
      text: unescapeSlack(command.text),
      idempotencyKey: `${team}:${command.trigger_id}`,
      source: 'slash',
    },
    d.ctx,
  );
  await deliver(
    view,
    {
      place: where,
      userId: command.user_id,
      client,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    },
    d,
  );
  return view;
}
