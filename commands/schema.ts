import { z } from 'zod';
import { cleanName } from '../src/text/clean.js';
import type { OptionSpec } from './types.js';

// Schema pieces and option specs shared by several commands, so a layout or resolution is described
// and validated the same way everywhere.

/** Layout types the Video API composes recordings and broadcasts with. */
export const LAYOUTS = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
  'focus',
  'custom',
] as const;
/** Layouts allowed for the screen-share variant (only with `bestFit`). */
export const SCREENSHARE_LAYOUTS = [
  'bestFit',
  'pip',
  'verticalPresentation',
  'horizontalPresentation',
] as const;
/** Output resolutions of recordings, broadcasts and renders. */
export const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;

/** A layout type argument. */
export const layoutSchema = z.enum(LAYOUTS, {
  error: `must be one of ${LAYOUTS.map((l) => `\`${l}\``).join(', ')}`,
});
/** A resolution argument. */
export const resolutionSchema = z.enum(RESOLUTIONS, {
  error: `must be one of ${RESOLUTIONS.map((r) => `\`${r}\``).join(', ')}`,
});

/** A `<who>` argument: mention, display name, connection ID or stream ID. */
export const whoSchema = z
  .string()
  .trim()
  .min(1, { error: 'needs a person: a mention, a display name or a connection ID' })
  .max(200, { error: 'is too long for a name or ID' });

/**
 * A title or name typed by a user (meeting title, recording name): control characters and bidi
 * overrides stripped once here, at the edge, then trimmed and limited to `max` characters.
 */
export function titleSchema(max: number) {
  return z
    .string()
    .transform((v) => cleanName(v))
    .pipe(z.string().max(max, { error: `is too long (at most ${max} characters)` }));
}

/** An optional switch. */
export const flag = z.boolean().optional().default(false);

/** The option spec of a `<who>` argument. */
export function whoOption(description: string, required = true, rest = true): OptionSpec {
  return { name: 'who', type: 'string', description, required, positional: true, rest };
}

/** The option spec of a resolution flag. */
export const resolutionOption: OptionSpec = {
  name: 'resolution',
  type: 'string',
  description: 'Output resolution',
  choices: RESOLUTIONS,
};

/** An http(s)/ws(s) URL argument with a required scheme. */
export function urlSchema(schemes: readonly string[], what: string) {
  return z
    .string()
    .trim()
    .max(2048, { error: `is too long for a ${what}` })
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return schemes.includes(u.protocol.replace(/:$/, '')) && u.hostname.length > 0;
        } catch {
          return false;
        }
      },
      { error: `must be a ${what} starting with ${schemes.map((s) => `\`${s}://\``).join(' or ')}` },
    );
}
