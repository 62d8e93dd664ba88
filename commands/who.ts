import type { ConnectionRecord, MeetingRecord, StreamRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { mentionUserId } from './tokenize.js';
import type { CommandContext } from './types.js';

/** A person in a meeting: all their live connections and streams (someone may join twice). */
export interface Person {
  label: string;
  userId: string | null;
  connections: ConnectionRecord[];
  streams: StreamRecord[];
}

/**
 * Resolves `<who>` to a participant: a mention or user ID, a connection ID, a stream ID, a display
 * name (case-insensitive), or an unambiguous start of a display name.
 */
export async function resolveWho(
  ctx: Pick<CommandContext, 'store'>,
  meeting: MeetingRecord,
  who: string,
): Promise<Person> {
  const [connections, streams] = await Promise.all([
    ctx.store.listConnections(meeting.id),
    ctx.store.listStreams(meeting.id),
  ]);
  const live = connections.filter((c) => c.leftAt === null);
  const text = who.trim();
  const userId = mentionUserId(text) ?? text;
  const byStream = streams.find((s) => s.streamId === text && s.destroyedAt === null);
  const tries: Array<() => ConnectionRecord[]> = [
    () => live.filter((c) => c.connectionId === text || c.connectionId === byStream?.connectionId),
    () => live.filter((c) => c.userId !== null && c.userId === userId),
    () => live.filter((c) => c.name.toLowerCase() === text.toLowerCase()),
    () => live.filter((c) => c.name.toLowerCase().startsWith(text.toLowerCase())),
  ];
  for (const attempt of tries) {
    const found = attempt();
    if (found.length === 0) continue;
    const people = groupByPerson(found);
    if (people.length > 1) {
      const names = people.slice(0, 4).map((p) => `${p[0]!.name || 'Guest'} (\`${p[0]!.connectionId}\`)`);
      throw new CommandError(
        `\`${short(text)}\` matches ${people.length} people: ${names.join(', ')}; use a mention or a connection ID.`,
      );
    }
    const mine = people[0]!;
    const ids = new Set(mine.map((c) => c.connectionId));
    return {
      label: mine[0]!.name || mine[0]!.connectionId,
      userId: mine[0]!.userId,
      connections: mine,
      streams: streams.filter((s) => s.destroyedAt === null && ids.has(s.connectionId)),
    };
  }
  throw new CommandError(
    `Nobody matching \`${short(text)}\` is in the meeting; \`/video participants\` lists who is.`,
  );
}

function groupByPerson(found: ConnectionRecord[]): ConnectionRecord[][] {
  const groups = new Map<string, ConnectionRecord[]>();
  for (const c of found) {
    const key = c.userId ? `u:${c.userId}` : `c:${c.connectionId}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
