// Neutral View -> Block Kit message. Slack's limits are enforced here so no view the core produces
// can make chat.postMessage fail with invalid_blocks.
import type { types as SlackTypes } from '@slack/bolt';
import type { Block, Button, Modal, Select, View } from '../../src/chat.js';
import { slackDate } from '../../src/schedule/display.js';
import { actionIdAllocator } from './action-id.js';
import { SLACK_LIMITS as L, link, mrkdwn, plain, toPlain, truncate } from './mrkdwn.js';

type KnownBlock = SlackTypes.KnownBlock;
type ActionsElement = SlackTypes.ActionsBlockElement;

/** A rendered message: fallback text, blocks, and the modals its buttons open. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
  /** Modals attached to buttons, by action, so a click can open them without re-rendering. */
  modals: Map<string, Modal>;
}

const NOTICE_ICON = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
} as const;

function buttonElement(b: Button, nextId: ReturnType<typeof actionIdAllocator>): SlackTypes.Button {
  const el: SlackTypes.Button = {
    type: 'button',
    text: plain(b.label, L.buttonText),
    // A confirmation is asked by the bot (a modal) rather than by Slack's own dialog, so the role
    // is checked first: a participant is refused before "End the meeting?", not after.
    action_id: nextId(b.action, b.key, Boolean(b.modal || b.confirm)),
  };
  if (b.url) el.url = b.url;
  if (b.value !== undefined) el.value = truncate(b.value, L.buttonValue);
  if (b.style === 'primary' || b.style === 'danger') el.style = b.style;
  return el;
}

function selectElement(s: Select, nextId: ReturnType<typeof actionIdAllocator>): SlackTypes.StaticSelect {
  const el: SlackTypes.StaticSelect = {
    type: 'static_select',
    action_id: nextId(s.action, s.key, Boolean(s.confirm)),
    placeholder: plain(s.placeholder, L.placeholder),
    // Slack allows option descriptions only in checkboxes and radio buttons, so they are dropped here.
    options: s.options
      .slice(0, L.optionsPerSelect)
      .map((o) => ({ text: plain(o.label, L.optionText), value: o.value.slice(0, L.optionValue) })),
  };
  return el;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function renderBlock(
  block: Block,
  nextId: ReturnType<typeof actionIdAllocator>,
  modals: Map<string, Modal>,
): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'section', text: mrkdwn(block.text) }];
    case 'fields':
      return chunk(block.fields, L.fieldsPerSection).map((fs) => ({
        type: 'section' as const,
        fields: fs.map((f) => mrkdwn(`**${f.label}**\n${f.value}`, L.fieldText)),
      }));
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(block.text, L.contextText)] }];
    case 'notice':
      return [{ type: 'section', text: mrkdwn(`${NOTICE_ICON[block.level]} ${block.text}`) }];
    case 'link':
      return [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: truncate(link(block.url, block.label), L.sectionText) },
        },
      ];
    case 'buttons': {
      for (const b of block.buttons) if (b.modal) modals.set(b.action, b.modal);
      const els: ActionsElement[] = block.buttons.map((b) => buttonElement(b, nextId));
      return chunk(els, L.elementsPerActions).map((elements) => ({ type: 'actions' as const, elements }));
    }
    case 'select':
      if (block.select.options.length === 0) return [];
      return [{ type: 'actions', elements: [selectElement(block.select, nextId)] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'time': {
      // Each viewer sees the time in their own zone; the fallback names the schedule's zone.
      const end = block.endMs === undefined ? '' : ` – ${slackDate(block.endMs, block.zone, '{time}')}`;
      const label = mrkdwn(`**${block.label}**`).text;
      return [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${label}: ${slackDate(block.startMs, block.zone)}${end}` },
        },
      ];
    }
  }
}

/** Keeps at most `max` blocks: drops non-interactive blocks from the end first so the controls survive. */
function fitBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const out = [...blocks];
  let dropped = 0;
  for (let i = out.length - 1; i >= 0 && out.length > max - 1; i--) {
    if (out[i]?.type !== 'actions' && out[i]?.type !== 'header') {
      out.splice(i, 1);
      dropped++;
    }
  }
  const kept = out.slice(0, max - 1);
  const note: KnownBlock = {
    type: 'context',
    elements: [mrkdwn(`${dropped + out.length - kept.length} more items not shown.`)],
  };
  return [...kept, note];
}

/** The notification text Slack shows where blocks cannot be rendered. */
function fallbackText(view: View): string {
  const first = view.blocks.find((b) => b.type === 'text' || b.type === 'notice');
  const body = first && 'text' in first ? first.text : '';
  return toPlain([view.title, body].filter(Boolean).join(': ') || 'Video meeting', L.fallbackText);
}

/** Renders a neutral view as a Block Kit message within Slack's limits. */
export function renderView(view: View, maxBlocks: number = L.blocksPerMessage): RenderedMessage {
  const nextId = actionIdAllocator();
  const modals = new Map<string, Modal>();
  const blocks: KnownBlock[] = [];
  if (view.title) blocks.push({ type: 'header', text: plain(view.title, L.headerText) });
  for (const b of view.blocks) blocks.push(...renderBlock(b, nextId, modals));
  return { text: fallbackText(view), blocks: fitBlocks(blocks, maxBlocks), modals };
}
