import type { Block, Button, Select, View } from '../../src/chat.js';
import { formatPlain, formatPlainRange } from '../../src/schedule/display.js';
import { bold, dim, styled, type RenderStyle } from './style.js';

export type { RenderStyle } from './style.js';

/** Something `press` can click: a button or a select menu of a printed message. */
export type Clickable = { kind: 'button'; button: Button } | { kind: 'select'; select: Select };

/**
 * Names a control's place in its message for `press`: the same identity (a button's row and
 * position, a select's action) keeps its number when the card changes, so `Record` and `Stop
 * recording` share one number and a menu keeps its number when a menu above it comes and goes.
 */
export type Numbering = (identity: string, control: Clickable) => string;

const ICON = { info: 'i', success: '✓', warning: '!', error: '✗' } as const;

/** Renders a neutral view as terminal text; its controls are numbered by `number`. */
export function renderView(
  view: View,
  style: RenderStyle,
  header: string | undefined,
  number: Numbering,
): string {
  const lines: string[] = [];
  if (header) lines.push(header);
  if (view.title) lines.push(bold(view.title, style));
  let row = 0;
  for (const block of view.blocks) {
    lines.push(...renderBlock(block, style, number, block.type === 'buttons' ? row++ : row));
  }
  const indent = view.cardOf ? '│ ' : '  ';
  const body = lines.map((l, i) => (i === 0 && header ? l : `${indent}${l}`));
  return `${body.join('\n')}\n`;
}

/** The controls of a view with their identities, in order (what {@link renderView} numbers). */
export function controlsOf(view: View): Array<{ identity: string; control: Clickable }> {
  const out: Array<{ identity: string; control: Clickable }> = [];
  let row = 0;
  for (const block of view.blocks) {
    if (block.type === 'buttons') {
      block.buttons.forEach((button, i) =>
        out.push({ identity: buttonId(row, i), control: { kind: 'button', button } }),
      );
      row++;
    } else if (block.type === 'select') {
      out.push({ identity: selectId(block.select), control: { kind: 'select', select: block.select } });
    }
  }
  return out;
}

const buttonId = (row: number, i: number) => `button:${row}:${i}`;
const selectId = (s: Select) => `select:${s.action}`;

/** One control as the console shows it: `[2.3] Go live…`. */
export function controlText(n: string, c: Clickable): string {
  if (c.kind === 'select') {
    const opts = c.select.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ');
    return `[${n}] ${c.select.placeholder} ${opts}`;
  }
  const b = c.button;
  return `[${n}] ${b.label}${b.url ? ' ↗' : b.modal ? '…' : ''}`;
}

function renderBlock(block: Block, style: RenderStyle, number: Numbering, row: number): string[] {
  switch (block.type) {
    case 'text':
      return styled(block.text, style).split('\n');
    case 'context':
      return styled(block.text, style)
        .split('\n')
        .map((l) => dim(`  ${l}`, style));
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${styled(f.value, style)}`);
    case 'notice':
      return styled(`${ICON[block.level]} ${block.text}`, style).split('\n');
    case 'link':
      return [`→ ${block.label}: ${block.url}`];
    case 'divider':
      return ['────────'];
    case 'time': {
      const when =
        block.endMs === undefined
          ? formatPlain(block.startMs, block.zone)
          : formatPlainRange(block.startMs, block.endMs, block.zone);
      return [`${block.label}: ${when}`];
    }
    case 'buttons':
      return [
        block.buttons
          .map((button, i) => {
            const c: Clickable = { kind: 'button', button };
            return controlText(number(buttonId(row, i), c), c);
          })
          .join('  '),
      ];
    case 'select': {
      const c: Clickable = { kind: 'select', select: block.select };
      return [controlText(number(selectId(block.select), c), c)];
    }
  }
}
