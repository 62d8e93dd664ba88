import type { View } from '../../src/chat.js';

// What changed on a card, as short sentences ("Ada joined", "Recording started"), so the console
// prints a card once and then only its changes. Read from the neutral view the card service
// renders (src/cards/render.ts): a text line starting with "• **Name**" is a person, a notice or
// context line is a state of the meeting keyed by its first words; running times are not changes.

/** A line's durations (`12s`, `3m 05s`, `1h 02m`) removed, so a ticking clock is no change. */
const timeless = (s: string) =>
  s
    .replace(/\b\d+[hms](?: \d{2}[ms])?\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

interface Person {
  name: string;
  what: string;
}

function people(view: View): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const b of view.blocks) {
    if (b.type !== 'text') continue;
    for (const line of b.text.split('\n')) {
      const m = /^• \*\*(.+?)\*\*(?: \(phone\))?(?: — (.+))?$/.exec(line);
      if (m) out.set(m[1]!, { name: m[1]!, what: m[2] ?? '' });
    }
  }
  return out;
}

/**
 * Notice and context lines by key (their words before a dash, a colon, a parenthesis or a name);
 * a one-word notice ("Recording", "Live") is a state that starts and stops.
 */
function states(view: View): Map<string, { line: string; rest: string; toggles: boolean }> {
  const out = new Map<string, { line: string; rest: string; toggles: boolean }>();
  for (const b of view.blocks) {
    if (b.type !== 'notice' && b.type !== 'context') continue;
    for (const line of b.text.split('\n')) {
      const key = timeless(line.replace(/\*\*/g, '').split(/ — | \(|: |`/)[0] ?? line);
      // What follows the key without the running time: "`Sprint demo`", "HLS, RTMP rtmp://…".
      const rest = timeless(
        line.slice(line.indexOf(key) + key.length).replace(/ — \d+[hms](?: \d{2}[ms])?/, ''),
      )
        .replace(/^[\s—·:]+/, '')
        .trim();
      out.set(`${b.type}:${key}`, { line, rest, toggles: b.type === 'notice' && /^\w+$/.test(key) });
    }
  }
  return out;
}

function fields(view: View): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of view.blocks)
    if (b.type === 'fields') for (const f of b.fields) out.set(f.label, timeless(f.value));
  return out;
}

/** Other text lines (not people): "Everyone has left.", "and 3 more". */
function notes(view: View): Set<string> {
  const out = new Set<string>();
  for (const b of view.blocks)
    if (b.type === 'text')
      for (const line of b.text.split('\n')) if (!line.startsWith('• **')) out.add(timeless(line));
  return out;
}

/**
 * The changes from `before` to `after` as neutral sentences, in card order; empty when only times
 * moved. A changed title is not summarised: the caller prints the whole card again.
 */
export function cardChanges(before: View, after: View): string[] {
  const out: string[] = [];
  const was = people(before);
  const now = people(after);
  for (const [name, p] of now) {
    const old = was.get(name);
    if (!old) out.push(`**${name}** joined${p.what ? ` (${p.what})` : ''}`);
    else if (old.what !== p.what)
      out.push(p.what ? `**${name}** now: ${p.what}` : `**${name}** stopped publishing`);
  }
  for (const name of was.keys()) if (!now.has(name)) out.push(`**${name}** left`);
  const notesBefore = notes(before);
  for (const n of notes(after)) if (!notesBefore.has(n) && !/^and \d+ more$/.test(n)) out.push(n);
  const fieldsBefore = fields(before);
  for (const [label, value] of fields(after)) {
    // The participant count follows from the joined/left lines above.
    if (label === 'Participants') continue;
    if (fieldsBefore.has(label) && fieldsBefore.get(label) !== value) out.push(`${label}: ${value}`);
  }
  const sBefore = states(before);
  const sAfter = states(after);
  const word = (key: string) => key.slice(key.indexOf(':') + 1);
  for (const [key, s] of sAfter) {
    const old = sBefore.get(key);
    if (old === undefined)
      out.push(s.toggles ? `${word(key)} started${s.rest ? ` (${s.rest})` : ''}` : s.line);
    else if (timeless(old.line) !== timeless(s.line)) out.push(s.line);
  }
  for (const [key, s] of sBefore)
    if (!sAfter.has(key)) out.push(s.toggles ? `${word(key)} stopped` : `No longer: ${s.line}`);
  const links = new Set(before.blocks.flatMap((b) => (b.type === 'link' ? [b.url] : [])));
  for (const b of after.blocks) if (b.type === 'link' && !links.has(b.url)) out.push(`${b.label}: ${b.url}`);
  return out;
}
