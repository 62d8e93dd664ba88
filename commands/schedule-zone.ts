import { isKnownZone } from '../src/schedule/zone.js';
import { resolveTimeZone } from '../src/schedule/index.js';
import type { StoreWrite } from '../src/store/types.js';
import { readInput } from './schedule-common.js';
import type { CommandContext, Invocation } from './types.js';

/** The zone times are read in, where it came from, and what to store or say about it. */
export interface PersonZone {
  zone: string;
  /** Write that remembers a `--tz` the person gave (Discord has no zone of its own to ask). */
  remember?: StoreWrite;
  /** A sentence when the zone is a guess (UTC). */
  note?: string;
}

/**
 * The person's time zone: `--tz` (remembered for next time), else the zone they gave before, else
 * the platform's (Slack users.info, the console's TZ), else UTC with a sentence saying how to set it.
 */
export async function personZone(
  tz: string | undefined,
  inv: Invocation,
  ctx: CommandContext,
  usage: string,
): Promise<PersonZone> {
  const { platform, id } = inv.actor;
  if (tz) {
    const zone = readInput(() => resolveTimeZone(tz), usage, 'tz');
    return { zone, remember: { kind: 'personTimeZone', platform, userId: id, zone, at: ctx.now() } };
  }
  const remembered = await ctx.store.getPersonTimeZone(platform, id);
  if (remembered && isKnownZone(remembered)) return { zone: remembered };
  const told = await (inv.timeZone?.() ?? Promise.resolve(null)).catch(() => null);
  if (told && isKnownZone(told)) return { zone: told };
  return {
    zone: 'UTC',
    note: 'Times were read in UTC: add `--tz Area/City` (e.g. `--tz Europe/Berlin`) once and it is remembered.',
  };
}
