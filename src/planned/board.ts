// Schedule cards and announcements in chat: renders a schedule's card from the store, posts it and
// remembers where (so RSVPs and the roll to the next occurrence edit every copy), posts reminders,
// and builds the `.ics` file. Platform calls go through the card service's publishers, so nothing
// here knows Slack or Discord.

import type { CardService } from '../cards/types.js';
import type { Place, View } from '../chat.js';
import type { Logger } from '../log.js';
import { buildIcs, type Occurrence } from '../schedule/index.js';
import type { ScheduleRecord } from '../store/schedule-types.js';
import type { Store } from '../store/types.js';
import { renderScheduleCard } from './card.js';
import { icsPath, validScheduleId } from './links.js';
import { currentOccurrence, planOf } from './occurrence.js';

/** What the board works with (the core's services have all of it). */
export interface BoardServices {
  store: Store;
  cards: CardService;
  /** Read on every use: tests set it once the server has its port. */
  publicUrl: string;
  /** Signs `.ics` links (the join-ticket secret, under its own label). */
  ticketSecret: string;
  now(): number;
  log: Logger;
}

/** The place of a schedule. */
export function placeOfSchedule(s: ScheduleRecord): Place {
  return { platform: s.platform, teamId: s.teamId, channelId: s.channelId };
}

/** Schedule cards, announcements and calendar files over the store and the card service. */
export class ScheduleBoard {
  constructor(private readonly s: BoardServices) {}

  /** The store the board reads. */
  get store(): Store {
    return this.s.store;
  }

  /** The board's clock. */
  now(): number {
    return this.s.now();
  }

  /** The signed `.ics` address of a schedule. */
  icsUrl(id: string): string {
    return `${this.s.publicUrl.replace(/\/+$/, '')}${icsPath(id, this.s.ticketSecret)}`;
  }

  /** The card of schedule `id` as it stands now (null when there is no such schedule). */
  async view(id: string): Promise<View | null> {
    const s = validScheduleId(id) ? await this.s.store.getSchedule(id) : null;
    return s ? this.render(s) : null;
  }

  /** Renders a schedule's card for its current occurrence with that occurrence's answers. */
  async render(s: ScheduleRecord): Promise<View> {
    const o = currentOccurrence(s, this.s.now());
    const rsvps = o ? await this.s.store.listRsvps(s.id, o.startMs) : [];
    return renderScheduleCard(s, o, rsvps, this.icsUrl(s.id));
  }

  /** Posts the schedule's card in its channel and remembers it; false (logged) when the platform refused. */
  async postCard(id: string): Promise<boolean> {
    const s = await this.s.store.getSchedule(id);
    if (!s) return false;
    try {
      const ref = await this.s.cards.publish(placeOfSchedule(s), await this.render(s));
      await this.s.store.commit([{ kind: 'addSchedulePost', scheduleId: id, ref, at: this.s.now() }]);
      return true;
    } catch (err) {
      this.s.log.error('posting a schedule card failed', { scheduleId: id, err });
      return false;
    }
  }

  /** Edits every posted card of the schedule to what the store says now; failures are logged. */
  async refreshCards(id: string): Promise<void> {
    const s = await this.s.store.getSchedule(id);
    if (!s) return;
    const view = await this.render(s);
    for (const ref of await this.s.store.listSchedulePosts(id)) {
      await this.s.cards
        .edit(ref, view)
        .catch((err: unknown) => this.s.log.warn('editing a schedule card failed', { scheduleId: id, err }));
    }
  }

  /** Posts a message (reminder, "starting now") in the schedule's channel. */
  async announce(s: ScheduleRecord, view: View): Promise<void> {
    await this.s.cards.publish(placeOfSchedule(s), view);
  }

  /** The `.ics` text of a schedule (one-off in UTC, a series with its zone, cancellations included). */
  ics(s: ScheduleRecord): string {
    const host = new URL(this.s.publicUrl).host;
    return buildIcs(
      {
        uid: `${s.id}@${host}`,
        title: s.title,
        description: `Planned by ${s.creatorName}. Join from the meeting's card in the chat channel.`,
        plan: planOf(s),
        sequence: s.revision,
      },
      { nowMs: this.s.now() },
    );
  }

  /** The occurrence a schedule is at now (see currentOccurrence). */
  current(s: ScheduleRecord): Occurrence | undefined {
    return currentOccurrence(s, this.s.now());
  }
}
