import { z } from 'zod';
import type { Place } from '../../src/chat.js';
import { cleanName } from '../../src/text/clean.js';

// The part of Discord's interaction payload the adapter reads, validated once at the edge. Both
// transports (HTTP and gateway) deliver this same raw shape.

const User = z.looseObject({
  id: z.string(),
  username: z.string().optional(),
  global_name: z.string().nullish(),
});

interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  options?: RawOption[];
}
// Options nest at most three deep (subcommand group > subcommand > option), so the levels are spelt
// out instead of a z.lazy cycle: a recursive schema costs a memo table per parse and cannot be
// compiled (below). A leaf carrying options is deeper than Discord nests and is refused.
const leaf = { name: z.string(), type: z.number().int(), value: z.unknown().optional() };
const Leaf = z.looseObject({ ...leaf, options: z.array(z.never()).optional() });
const Subcommand = z.looseObject({ ...leaf, options: z.array(Leaf).optional() });
const Option = z.looseObject({ ...leaf, options: z.array(Subcommand).optional() });

/** An interaction as Discord sends it (only the fields we use are checked). */
export const InteractionShape = z.looseObject({
  id: z.string().min(1).max(30),
  application_id: z.string().min(1).max(30),
  type: z.number().int(),
  token: z.string().min(1).max(1000),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  member: z
    .looseObject({
      user: User,
      nick: z.string().nullish(),
      permissions: z.string().optional(),
      roles: z.array(z.string()).optional(),
    })
    .optional(),
  user: User.optional(),
  data: z
    .looseObject({
      name: z.string().optional(),
      options: z.array(Option).optional(),
      custom_id: z.string().max(100).optional(),
      component_type: z.number().int().optional(),
      values: z.array(z.string()).optional(),
      components: z.array(z.unknown()).optional(),
    })
    .optional(),
  message: z.looseObject({ id: z.string(), components: z.array(z.unknown()).optional() }).optional(),
});

/**
 * {@link InteractionShape} compiled: zod generates a fast path for valid payloads and falls back to
 * its ordinary parser (same result, same issues) for anything else. The parse was the adapter's
 * largest own cost per interaction (perf, 2026-12-06); compiling cut it to about a fifth.
 */
export const InteractionSchema = z.compile(InteractionShape);

/** A validated interaction payload. */
export type Interaction = z.infer<typeof InteractionSchema>;

/** The acting user's ID and display name (server nickname, then global name, then username). */
export function userOf(i: Interaction): { id: string; name: string } | null {
  const user = i.member?.user ?? i.user;
  if (!user) return null;
  return {
    id: user.id,
    name: cleanName(i.member?.nick ?? user.global_name ?? user.username ?? '') || user.id,
  };
}

/** Where the interaction happened; null outside a guild channel (DMs). */
export function placeOf(i: Interaction): Place | null {
  const channelId = i.channel_id ?? i.channel?.id;
  if (!i.guild_id || !channelId) return null;
  return { platform: 'discord', teamId: i.guild_id, channelId };
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** Flattens `/video <group> <sub> opts` into the command path (`record start`) and its named options. */
export function commandOf(
  options: RawOption[] | undefined,
): { command: string; options: Record<string, unknown> } | null {
  const path: string[] = [];
  let level = options ?? [];
  for (;;) {
    const nested = level.find((o) => o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP);
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  if (path.length === 0) return null;
  const named: Record<string, unknown> = {};
  for (const o of level) named[o.name] = o.value;
  return { command: path.join(' '), options: named };
}

/** The label of the chosen option of a select on the clicked message (for confirmation prompts). */
export function selectedLabel(i: Interaction, customId: string, value: string): string | undefined {
  const rows = (i.message?.components ?? []) as Array<{
    components?: Array<{ custom_id?: string; options?: Array<{ value: string; label: string }> }>;
  }>;
  for (const row of rows) {
    for (const c of row.components ?? []) {
      if (c.custom_id === customId) return c.options?.find((o) => o.value === value)?.label;
    }
  }
  return undefined;
}
