import {
  ButtonStyle as DiscordButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Block, Button, ButtonStyle, Select, View } from '../../src/chat.js';
import { discordTimestamp } from '../../src/schedule/display.js';
import { encodeCustomId } from './custom-id.js';
import { escapeDiscord, toDiscordMarkdown, toDiscordPlain } from './markdown.js';
import type { ComponentMemory } from './memory.js';

// Neutral view -> Discord message: one embed (title, text, fields, notices, context) plus up to five
// action rows (buttons, one select per row, link buttons). Nobody is ever pinged by a card, and no
// user-supplied text becomes a link or formatting: neutral text goes through toDiscordMarkdown where
// Discord renders markdown, and through toDiscordPlain where it does not (labels, footers).

/** The body of a Discord message (channel message, interaction reply, webhook edit). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowed_mentions: { parse: [] };
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;
type Level = 'info' | 'success' | 'warning' | 'error';

const COLOR: Record<Level | 'card', number> = {
  card: 0x5865f2,
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};
const ICON: Record<Level, string> = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' };
const STYLE: Record<
  ButtonStyle,
  DiscordButtonStyle.Primary | DiscordButtonStyle.Danger | DiscordButtonStyle.Secondary
> = {
  primary: DiscordButtonStyle.Primary,
  danger: DiscordButtonStyle.Danger,
  default: DiscordButtonStyle.Secondary,
};
const MAX_ROWS = 5;
const MAX_BUTTONS = 5;

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

/** Renders one neutral button; link buttons carry a URL, the rest a short custom ID. */
export function renderButton(b: Button, memory?: ComponentMemory): APIButtonComponent {
  const label = cut(toDiscordPlain(b.label), 80);
  if (b.url) return { type: ComponentType.Button, style: DiscordButtonStyle.Link, label, url: b.url };
  memory?.remember(b.action, b.key, { modal: b.modal, confirm: b.confirm });
  const kind = b.modal ? 'modal' : b.confirm ? 'confirm' : 'run';
  const custom_id = encodeCustomId({ kind, action: b.action, key: b.key, value: b.value });
  return { type: ComponentType.Button, style: STYLE[b.style ?? 'default'], label, custom_id };
}

function renderSelect(s: Select, memory?: ComponentMemory): Row {
  memory?.remember(s.action, s.key, { confirm: s.confirm });
  const custom_id = encodeCustomId({ kind: s.confirm ? 'confirm' : 'run', action: s.action, key: s.key });
  const options = s.options.slice(0, 25).map((o) => ({
    label: cut(toDiscordPlain(o.label), 100),
    value: o.value,
    ...(o.description ? { description: cut(toDiscordPlain(o.description), 100) } : {}),
  }));
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id,
        placeholder: cut(toDiscordPlain(s.placeholder), 150),
        options,
      },
    ],
  };
}

function buttonRows(buttons: APIButtonComponent[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + MAX_BUTTONS) });
  }
  return rows;
}

/** Renders the action rows of a view (at most five; a select takes a row of its own). */
export function renderComponents(blocks: Block[], memory?: ComponentMemory): Row[] {
  const rows: Row[] = [];
  const links: APIButtonComponent[] = [];
  for (const block of blocks) {
    if (block.type === 'buttons') rows.push(...buttonRows(block.buttons.map((b) => renderButton(b, memory))));
    else if (block.type === 'select' && block.select.options.length > 0)
      rows.push(renderSelect(block.select, memory));
    else if (block.type === 'link')
      links.push({
        type: ComponentType.Button,
        style: DiscordButtonStyle.Link,
        label: cut(toDiscordPlain(block.label), 80),
        url: block.url,
      });
  }
  // Links (Join) go first: they are what most people in the channel need.
  return [...buttonRows(links), ...rows].slice(0, MAX_ROWS);
}

const isPlain = (view: View) =>
  !view.title && view.blocks.every((b) => ['text', 'notice', 'context', 'link'].includes(b.type));

/** Renders a neutral view as a Discord message (plain content for short replies, an embed otherwise). */
export function renderMessage(view: View, memory?: ComponentMemory): DiscordMessage {
  const lines: string[] = [];
  const fields: APIEmbedField[] = [];
  const footer: string[] = [];
  let level: Level | 'card' = 'card';
  for (const block of view.blocks) {
    if (block.type === 'text') lines.push(toDiscordMarkdown(block.text));
    else if (block.type === 'notice') {
      lines.push(`${ICON[block.level]} ${toDiscordMarkdown(block.text)}`);
      if (level === 'card' || block.level === 'error' || (block.level === 'warning' && level !== 'error'))
        level = block.level;
    } else if (block.type === 'fields') {
      for (const f of block.fields)
        fields.push({
          name: cut(escapeDiscord(toDiscordPlain(f.label)), 256),
          value: cut(toDiscordMarkdown(f.value) || '—', 1024),
          inline: true,
        });
    } else if (block.type === 'context') footer.push(block.text);
    else if (block.type === 'divider' && lines.length > 0) lines.push('');
    else if (block.type === 'time') {
      // Discord shows each viewer the time in their own zone, and how far away it is.
      const end = block.endMs === undefined ? '' : ` – ${discordTimestamp(block.endMs, 't')}`;
      const label = escapeDiscord(toDiscordPlain(block.label));
      lines.push(
        `**${label}**: ${discordTimestamp(block.startMs, 'F')}${end} (${discordTimestamp(block.startMs, 'R')})`,
      );
    }
  }
  const components = renderComponents(view.blocks, memory);
  if (isPlain(view)) {
    const content = cut(
      [...lines, ...footer.map((f) => `-# ${toDiscordMarkdown(f)}`)].join('\n') || '\u200b',
      2000,
    );
    return { content, embeds: [], components, allowed_mentions: { parse: [] } };
  }
  const embed: APIEmbed = { color: COLOR[level] };
  if (view.title) embed.title = cut(escapeDiscord(toDiscordPlain(view.title)), 256);
  if (lines.length > 0) embed.description = cut(lines.join('\n'), 4096);
  if (fields.length > 0) embed.fields = fields.slice(0, 25);
  // Footers show no markdown: markers are dropped rather than shown.
  if (footer.length > 0) embed.footer = { text: cut(footer.map(toDiscordPlain).join(' · '), 2048) };
  return { embeds: [embed], components, allowed_mentions: { parse: [] } };
}
