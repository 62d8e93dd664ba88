import { plain } from './format.js';
import type { MediaState, PersonState } from './state.js';

// How one person reads in every list (card, /video participants): the same words everywhere.

/** "camera (muted), screen" for what someone publishes; empty when nothing. */
export function mediaText(media: MediaState[]): string {
  const order: MediaState['type'][] = ['camera', 'screen', 'audio'];
  return [...media]
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
    .map((s) => `${s.type}${s.muted ? ' (muted)' : ''}`)
    .join(', ');
}

/** "**Ann** — camera (muted), screen" / "**+1555 #2** (phone) — audio". */
export function personLine(p: PersonState): string {
  const what = mediaText(p.media);
  return `**${plain(p.label)}**${p.kind === 'sip' ? ' (phone)' : ''}${what ? ` — ${what}` : ''}`;
}
