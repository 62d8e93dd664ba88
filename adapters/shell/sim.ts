import { connectionData } from '../../src/identity.js';
import type { Place } from '../../src/chat.js';
import type { Store } from '../../src/store/types.js';
import type { VideoApi } from '../../src/video/api.js';

/** What `sim` needs from the emulator (src/emulator's Emulator satisfies it). */
export interface SimEmulator {
  connect(sessionId: string, token: string, opts?: { name?: string }): Promise<{ connectionId: string }>;
  publish(
    connectionId: string,
    opts?: { videoType?: 'camera' | 'screen'; name?: string; hasAudio?: boolean; hasVideo?: boolean },
  ): Promise<{ streamId: string }>;
  unpublish(streamId: string, reason?: string): Promise<void>;
  disconnect(connectionId: string, reason?: string): Promise<void>;
}

/** A shell user's ID from their name, so `as Alice` and `sim join Alice` are the same person. */
export function shellUserId(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'guest'
  );
}

interface Person {
  meetingId: string;
  connectionId: string;
  streams: string[];
}

/** Simulated participants: joins with a real token (naming the person) and publishes through the emulator. */
export class Simulator {
  private readonly people = new Map<string, Person>();

  constructor(
    private readonly ctx: { store: Store; video: VideoApi },
    private readonly emulator: SimEmulator,
    private readonly settleMs = 3000,
  ) {}

  /** Runs `sim <verb> <name> [--screen] [--audio-only]`; returns one sentence. */
  async run(verb: string, name: string, flags: Set<string>, place: Place): Promise<string> {
    const key = shellUserId(name);
    const who = await this.find(key, place);
    switch (verb) {
      case 'join': {
        // A person kicked or disconnected elsewhere may join again: drop the old connection first.
        if (who) await this.emulator.disconnect(who.connectionId).catch(() => undefined);
        const meeting = await this.ctx.store.getActiveMeetingInChannel(
          place.platform,
          place.teamId,
          place.channelId,
        );
        // A channel room with nobody in it: joining its session opens its meeting (and posts the card).
        const room = meeting
          ? null
          : await this.ctx.store.getRoomInChannel(place.platform, place.teamId, place.channelId);
        const sessionId = meeting?.sessionId ?? room?.sessionId;
        if (!sessionId) return 'There is no meeting in this channel; start one with `/video start`.';
        const data = connectionData({ platform: 'shell', userId: key, name });
        const token = this.ctx.video.generateToken(sessionId, {
          role: flags.has('--moderator') ? 'moderator' : 'publisher',
          data,
        });
        const { connectionId } = await this.emulator.connect(sessionId, token, { name });
        let meetingId = meeting?.id ?? '';
        const seen = await this.settled(sessionId, async () => {
          const m = meeting ?? (await this.ctx.store.getMeetingBySession(sessionId));
          if (m?.status !== 'active') return false;
          meetingId = m.id;
          return (await this.ctx.store.listConnections(m.id)).some((c) => c.connectionId === connectionId);
        });
        this.people.set(key, { meetingId, connectionId, streams: [] });
        return `${name} joined (connection ${connectionId})${seen}.`;
      }
      case 'publish': {
        if (!who) return `${name} has not joined; \`sim join ${name}\` first.`;
        const screen = flags.has('--screen');
        const audioOnly = flags.has('--audio-only');
        const { streamId } = await this.emulator.publish(who.connectionId, {
          videoType: screen ? 'screen' : 'camera',
          name,
          hasVideo: !audioOnly,
        });
        who.streams.push(streamId);
        const seen = await this.settled(who.meetingId, async (id) =>
          (await this.ctx.store.listStreams(id)).some((st) => st.streamId === streamId),
        );
        const what = audioOnly ? 'audio only (no video)' : screen ? 'their screen' : 'a camera';
        return `${name} is publishing ${what} (stream ${streamId})${seen}.`;
      }
      case 'unpublish': {
        const streamId = who?.streams.pop();
        if (!who || !streamId) return `${name} is not publishing.`;
        await this.emulator.unpublish(streamId);
        const seen = await this.settled(who.meetingId, async (id) =>
          (await this.ctx.store.listStreams(id)).every((st) => st.streamId !== streamId),
        );
        return `${name} stopped publishing${seen}.`;
      }
      case 'leave': {
        if (!who) return `${name} is not in the meeting.`;
        this.people.delete(key);
        await this.emulator.disconnect(who.connectionId).catch(() => undefined);
        const seen = await this.settled(who.meetingId, async (id) =>
          (await this.ctx.store.listConnections(id)).every((c) => c.connectionId !== who.connectionId),
        );
        return `${name} left${seen}.`;
      }
      default:
        return 'Use `sim join|publish|unpublish|leave <name>`.';
    }
  }

  /**
   * The simulated person in this channel's meeting: remembered from this run, or found in the store
   * (people who joined before a restart of the bot, or who were kicked meanwhile, are looked up there).
   */
  private async find(key: string, place: Place): Promise<Person | undefined> {
    const meeting = await this.ctx.store.getActiveMeetingInChannel(
      place.platform,
      place.teamId,
      place.channelId,
    );
    if (!meeting) return undefined;
    const known = this.people.get(key);
    const all = await this.ctx.store.listConnections(meeting.id);
    const left = (id: string) => all.some((c) => c.connectionId === id && c.leftAt !== null);
    if (known?.meetingId === meeting.id && !left(known.connectionId)) return known;
    const conn = all.find((c) => c.leftAt === null && c.userId === key);
    if (!conn) {
      this.people.delete(key);
      return undefined;
    }
    const streams = (await this.ctx.store.listStreams(meeting.id))
      .filter((st) => st.connectionId === conn.connectionId && st.destroyedAt === null)
      .map((st) => st.streamId);
    const person = { meetingId: meeting.id, connectionId: conn.connectionId, streams };
    this.people.set(key, person);
    return person;
  }

  /**
   * Waits (up to a few seconds) until the bot's store shows the change, which arrives by callback,
   * so the next typed command sees it; says so when it did not arrive in time.
   */
  private async settled(meetingId: string, done: (meetingId: string) => Promise<boolean>): Promise<string> {
    const until = Date.now() + this.settleMs;
    while (Date.now() < until) {
      if (await done(meetingId)) return '';
      await new Promise((r) => setTimeout(r, 20));
    }
    return '; the bot has not heard about it yet (are callbacks reaching it?)';
  }
}
