import type { Block, Button, Select, View } from '../../src/chat.js';
import { formatPlain, formatPlainRange } from '../../src/schedule/display.js';

/** Something `press <n>` can click: a button or a select menu of the last printed view. */
export type Clickable = { kind: 'button'; button: Button } | { kind: 'select'; select: Select };

/** How to draw: ANSI bold for `**text**` on terminals, plain text in pipes and tests. */
export interface RenderStyle {
  color: boolean;
}

const ICON = { info: 'i', success: '✓', warning: '!', error: '✗' } as const;

/** Renders a neutral view as terminal text; buttons and selects are numbered for `press <n>`. */
export function renderView(
  view: View,
  style: RenderStyle,
  header?: string,
): { text: string; clickables: Clickable[] } {
  const clickables: Clickable[] = [];
  const lines: string[] = [];
  const bold = (s: string) =>
    style.color ? s.replace(/\*\*(.+?)\*\*/g, '\x1b[1m$1\x1b[22m') : s.replace(/\*\*(.+?)\*\*/g, '$1');
  if (header) lines.push(header);
  if (view.title) lines.push(bold(`**${view.title}**`));
  for (const block of view.blocks) lines.push(...renderBlock(block, clickables, bold));
  const indent = view.cardOf ? '│ ' : '  ';
  const body = lines.map((l, i) => (i === 0 && header ? l : `${indent}${l}`));
  return { text: `${body.join('\n')}\n`, clickables };
}

function renderBlock(block: Block, clickables: Clickable[], bold: (s: string) => string): string[] {
  switch (block.type) {
    case 'text':
      return bold(block.text).split('\n');
    case 'context':
      return bold(block.text)
        .split('\n')
        .map((l) => `  ${l}`);
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${bold(f.value)}`);
    case 'notice':
      return bold(`${ICON[block.level]} ${block.text}`).split('\n');
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
          .map((button) => {
            clickables.push({ kind: 'button', button });
            return `[${clickables.length}] ${button.label}${button.url ? ' ↗' : button.modal ? '…' : ''}`;
          })
          .join('  '),
      ];
    case 'select': {
      clickables.push({ kind: 'select', select: block.select });
      const opts = block.select.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ');
      return [`[${clickables.length}] ${block.select.placeholder} ${opts}`];
    }
  }
}
