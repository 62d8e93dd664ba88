import { ELSEWHERE, placeMismatch } from './bind.js';
import type { Opening } from './door-types.js';
import { actorOf, validKey, type DoorState } from './door-state.js';
import { formIn, submissionErrors } from './forms.js';
import type { Control, FormFields } from './request.js';
import { commandOfAction } from './resolve.js';
import { ScheduleBoard } from '../src/planned/board.js';
import { PLAN_KEY, planView } from '../src/planned/plan-form.js';
import type { View } from '../src/chat.js';
import { canModerate, roleOf } from './roles.js';

// Card controls that open something before they run (a form, a confirmation): checked like the
// run will be (the meeting's own channel, the clicker's role) and found on the meeting's card; and
// a submitted form checked field by field before it is accepted.

/** What a control opens, or the sentence refusing it. */
export async function openControl(s: DoorState, c: Control): Promise<Opening> {
  const { store } = s.services;
  const command = commandOfAction(c.action, s.list);
  if (!command)
    return { ok: false, text: 'That button is no longer supported; run the command with `/video` instead.' };
  const meeting = validKey(c.key) ? await store.getMeeting(c.key) : null;
  const mismatch = meeting ? placeMismatch(meeting, c.place) : null;
  if (meeting && mismatch) {
    const entry = {
      meetingId: meeting.id,
      platform: c.actor.platform,
      actorId: c.actor.id,
      actorName: c.actor.name,
      action: command.name,
      target: null,
      outcome: 'denied' as const,
      detail: `control ${mismatch}`,
      at: s.services.now(),
    };
    await store
      .commit([{ kind: 'audit', entry }])
      .catch((err: unknown) => s.services.log.error('audit write failed', { action: command.name, err }));
    return { ok: false, text: ELSEWHERE };
  }
  if (command.role === 'moderator') {
    const actor = await actorOf(s, c.actor, c.place);
    if (!canModerate(roleOf(actor, meeting ?? undefined, s.services)))
      return { ok: false, text: "Only the meeting's host or a moderator can do that." };
  }
  const form = formIn(await cardOf(s, c.key, meeting !== null, c.place.platform), c.action);
  return { ok: true, ...form };
}

/** The card a control's key names: a meeting's live card, else a planned meeting's schedule card. */
async function cardOf(s: DoorState, key: string, isMeeting: boolean, platform: string): Promise<View | null> {
  if (!validKey(key)) return null;
  // The blank "Plan a meeting" form is on the reply to a bare `/video schedule`, not on a card.
  if (key === PLAN_KEY) return planView(platform);
  if (isMeeting) return s.services.cards.view(key);
  return new ScheduleBoard(s.services).view(key);
}

/** Errors of a form submitted from control `c`, by field ID (empty: it may run). */
export async function checkForm(
  s: DoorState,
  c: Control,
  fields: FormFields,
): Promise<Record<string, string>> {
  const meeting = validKey(c.key) ? await s.services.store.getMeeting(c.key) : null;
  const modal = formIn(await cardOf(s, c.key, meeting !== null, c.place.platform), c.action)?.modal;
  return modal ? submissionErrors(modal, c.key, fields, s.list) : {};
}
