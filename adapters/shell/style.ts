import { parseNeutral } from '../../src/text/neutral.js';

// Neutral text (`**bold**` and `` `code` ``) for a terminal. With colour, bold is bold, code is
// cyan and context lines are dim, and the markers go; without colour (a pipe, a test, NO_COLOR) the
// text stays plain and code keeps its backticks, which then read as quotes around a command.

/** How to draw. */
export interface RenderStyle {
  color: boolean;
}

const BOLD = ['\x1b[1m', '\x1b[22m'] as const;
const CODE = ['\x1b[36m', '\x1b[39m'] as const;
const DIM = ['\x1b[2m', '\x1b[22m'] as const;

/**
 * Colour when the output is a terminal and NO_COLOR (https://no-color.org) is unset or empty;
 * FORCE_COLOR=1 turns it on for a pipe.
 */
export function wantsColor(output: unknown, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean((output as { isTTY?: boolean } | null)?.isTTY);
}

// Escape sequences and other control characters in text that reaches the terminal (a name, a
// title) could move the cursor or recolour the screen: only newlines and tabs survive.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Neutral text for the terminal. */
export function styled(text: string, style: RenderStyle): string {
  return parseNeutral(text.replace(CONTROL, ''))
    .map((s) => {
      if (s.kind === 'text') return s.text;
      if (s.kind === 'bold') return style.color ? `${BOLD[0]}${s.text}${BOLD[1]}` : s.text;
      return style.color ? `${CODE[0]}${s.text}${CODE[1]}` : `\`${s.text}\``;
    })
    .join('');
}

/** Plain text (a title, a label) for the terminal, bold when colour is on. */
export function bold(text: string, style: RenderStyle): string {
  const t = text.replace(CONTROL, '');
  return style.color ? `${BOLD[0]}${t}${BOLD[1]}` : t;
}

/** A secondary line (context, hints), dim when colour is on. */
export function dim(text: string, style: RenderStyle): string {
  // A bold span inside ends with the same reset as dim: dim again after it.
  return style.color ? `${DIM[0]}${text.replaceAll(BOLD[1], `${BOLD[1]}${DIM[0]}`)}${DIM[1]}` : text;
}
