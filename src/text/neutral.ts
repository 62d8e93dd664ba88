// The neutral text contract (see View in src/chat.ts): text blocks, notices, context lines and field
// values carry exactly two kinds of markup, **bold** and `code`; everything else is literal. This is
// the one parser of that markup, so every renderer (Slack, Discord, the console) agrees on where a
// bold or code span starts and ends, and escapes every other character for its own platform. Bold
// and code are harmless if a user's text happens to contain them: they can neither link nor ping.

/** A piece of neutral text: literal text, a bold span or a code span (markers removed). */
export interface Segment {
  kind: 'text' | 'bold' | 'code';
  text: string;
}

// A span never crosses a line; a code span wins over a bold one that starts later.
const MARKUP = /\*\*([^*\n]+)\*\*|`([^`\n]+)`/g;

/** Splits neutral text into literal, bold and code segments, in order. */
export function parseNeutral(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKUP)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'bold', text: m[1] } : { kind: 'code', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Neutral text with its markers removed (for surfaces that show no formatting). */
export function neutralToPlain(text: string): string {
  return parseNeutral(text)
    .map((s) => s.text)
    .join('');
}

/** Renders neutral text with one function per segment kind (each returns the platform's text). */
export function renderNeutral(text: string, render: Record<Segment['kind'], (s: string) => string>): string {
  return parseNeutral(text)
    .map((s) => render[s.kind](s.text))
    .join('');
}
