// What a signed Slack request must hold before it reaches Bolt and the listeners: the fields they
// read without checking (user, team, trigger, action IDs, the view). Slack always sends these; a
// request without them is signed junk, answered 400 with a warning instead of failing deep inside
// Bolt with a 500 and an error log. Only the request kinds this app subscribes to are accepted.
import { z } from 'zod';

const id = z.string().min(1);
const user = z.looseObject({ id, team_id: z.string().optional() });
const team = z.looseObject({ id }).nullable().optional();
// The workspace comes from `team.id` or, in some installs, `user.team_id`.
const hasWorkspace = (b: { team?: { id: string } | null; user: { team_id?: string } }) =>
  Boolean(b.team?.id ?? b.user.team_id);

const SlashCommand = z.looseObject({
  command: id,
  text: z.string().optional(),
  team_id: id,
  channel_id: id,
  user_id: id,
  trigger_id: id,
});

const BlockActions = z
  .looseObject({
    type: z.literal('block_actions'),
    user,
    team,
    trigger_id: z.string().optional(),
    actions: z.array(z.looseObject({ action_id: id, type: z.string().optional() })).min(1),
  })
  .refine(hasWorkspace);

const ViewPayload = z
  .looseObject({
    type: z.enum(['view_submission', 'view_closed']),
    user,
    team,
    view: z.looseObject({
      id,
      callback_id: z.string(),
      private_metadata: z.string().optional(),
      state: z.looseObject({ values: z.record(z.string(), z.unknown()) }).optional(),
    }),
  })
  .refine(hasWorkspace);

const EventsApi = z.union([
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({ type: z.literal('event_callback'), team_id: id, event: z.looseObject({ type: id }) }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

/** Whether a parsed, verified Slack body has the shape of a request this app handles. */
export function isWellFormedSlackBody(body: Record<string, unknown>, form: boolean): boolean {
  if (form && typeof body.command === 'string') return SlashCommand.safeParse(body).success;
  if (form) return BlockActions.safeParse(body).success || ViewPayload.safeParse(body).success;
  return EventsApi.safeParse(body).success;
}
