import { meetingState, type PersonState } from '../src/cards/state.js';
import type { ConnectionRecord, MeetingRecord, StreamRecord } from '../src/store/types.js';
import { CommandError } from './errors.js';
import { mentionUserId } from './tokenize.js';
import type { CommandContext } from './types.js';

/** A person in a meeting: all their live connections and streams (someone may join twice). */
export interface Person {
  /** The name the card shows (`+1555 #2` when several share one). */
  label: string;
  userId: string | null;
  connections: ConnectionRecord[];
  streams: StreamRecord[];
}

/**
 * Resolves `<who>` to a participant, by the names the card shows (src/cards/state.ts): a mention or
 * user ID, a connection ID, a stream ID, a label (`Ann`, `+15551234567 #2`), or an unambiguous
 * start of one. A chat user's connections count as one person; each phone leg is its own.
 */
export async function resolveWho(
  ctx: Pick<CommandContext, 'store'>,
  meeting: MeetingRecord,
  who: string,
): Promise<Person> {
  const snap = await ctx.store.getMeetingSnapshot(meeting.id);
  const st = snap ? meetingState(snap) : null;
  const here = st?.people ?? [];
  const text = who.trim();
  const lower = text.toLowerCase();
  const userId = mentionUserId(text) ?? text;
  const byStream = here.find((p) => p.media.some((s) => s.streamId === text));
  const base = (p: PersonState) => p.label.replace(/ #\d+$/, '').toLowerCase();
  const tries: Array<() => PersonState[]> = [
    () => here.filter((p) => p.connectionId === text || p === byStream),
    () => here.filter((p) => p.kind === 'user' && p.userId !== null && p.userId === userId),
    () => here.filter((p) => p.label.toLowerCase() === lower),
    () => here.filter((p) => base(p) === lower),
    () => here.filter((p) => p.label.toLowerCase().startsWith(lower)),
  ];
  for (const attempt of tries) {
    const found = attempt();
    if (found.length === 0) continue;
    const people = groupByPerson(found);
    if (people.length > 1) {
      const names = people.slice(0, 4).map((p) => `${p[0]!.label} (\`${p[0]!.connectionId}\`)`);
      throw new CommandError(
        `\`${short(text)}\` matches ${people.length} people: ${names.join(', ')}; use the name as listed, a mention or a connection ID.`,
      );
    }
    const mine = people[0]!;
    const ids = new Set(mine.map((p) => p.connectionId));
    const labels = new Set(mine.map((p) => p.label.replace(/ #\d+$/, '')));
    return {
      label: mine.length > 1 && labels.size === 1 ? [...labels][0]! : mine[0]!.label,
      userId: mine[0]!.userId,
      connections: snap!.connections.filter((c) => ids.has(c.connectionId)),
      streams: snap!.streams.filter((s) => ids.has(s.connectionId)),
    };
  }
  throw new CommandError(
    `Nobody matching \`${short(text)}\` is in the meeting; \`/video participants\` lists who is.`,
  );
}

/** Chat users' connections group by user; a phone leg or an unidentified client stands alone. */
function groupByPerson(found: PersonState[]): PersonState[][] {
  const groups = new Map<string, PersonState[]>();
  for (const p of found) {
    const key = p.kind === 'user' && p.userId ? `u:${p.userId}` : `c:${p.connectionId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
