import type { REST } from 'discord.js';
import type { CalendarEntry, CalendarStatus, Place, PlatformCalendar } from '../../src/chat.js';

// Planned meetings as Discord Guild Scheduled Events: an EXTERNAL event (its location is where people
// join) created with the schedule, moved by edits, and whose status the core moves on as the meeting
// goes: ACTIVE at the first join, COMPLETED at its end, CANCELED when the occurrence is cancelled.

const STATUS: Record<CalendarStatus, number> = { active: 2, completed: 3, canceled: 4 };
/** GUILD_ONLY, the one privacy level Discord offers. */
const GUILD_ONLY = 2;
/** EXTERNAL: not in a voice or stage channel, with a location text. */
const EXTERNAL = 3;
const TIMEOUT_MS = 10_000;

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

/** Guild Scheduled Events over the bot's REST client. */
export class DiscordEvents implements PlatformCalendar {
  constructor(
    private readonly rest: REST,
    private readonly hasToken: boolean,
  ) {}

  async create(place: Place, entry: CalendarEntry): Promise<string> {
    this.needToken();
    const body = {
      name: cut(entry.title, 100),
      description: cut(entry.description, 1000),
      privacy_level: GUILD_ONLY,
      entity_type: EXTERNAL,
      entity_metadata: { location: cut(entry.location, 100) },
      scheduled_start_time: new Date(entry.startMs).toISOString(),
      scheduled_end_time: new Date(entry.endMs).toISOString(),
    };
    const event = (await this.rest.post(`/guilds/${place.teamId}/scheduled-events`, {
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })) as { id: string };
    return event.id;
  }

  async update(
    place: Place,
    id: string,
    change: Partial<CalendarEntry> & { status?: CalendarStatus },
  ): Promise<void> {
    this.needToken();
    const body: Record<string, unknown> = {};
    if (change.title !== undefined) body.name = cut(change.title, 100);
    if (change.description !== undefined) body.description = cut(change.description, 1000);
    if (change.location !== undefined) body.entity_metadata = { location: cut(change.location, 100) };
    if (change.startMs !== undefined) body.scheduled_start_time = new Date(change.startMs).toISOString();
    if (change.endMs !== undefined) body.scheduled_end_time = new Date(change.endMs).toISOString();
    if (change.status !== undefined) body.status = STATUS[change.status];
    await this.rest.patch(`/guilds/${place.teamId}/scheduled-events/${id}`, {
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  private needToken(): void {
    if (!this.hasToken) throw new Error('Discord scheduled events need DISCORD_TOKEN (the bot token).');
  }
}
