// RFC 5545 text rules: TEXT escaping (3.3.11), DATE-TIME forms (3.3.5), 75-octet folding with
// CRLF (3.1), splitting only between UTF-8 characters.

import type { LocalDateTime } from './civil.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A TEXT value: backslash, semicolon and comma escaped, newlines as `\n`, other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

/** `20261207T143000Z`: an instant as a UTC DATE-TIME. */
export function utcDateTime(epochMs: number): string {
  const t = new Date(Math.floor(epochMs / 1000) * 1000);
  return (
    `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`
  );
}

/** `20261207T153000`: a wall time as a local DATE-TIME (used with TZID). */
export function localDateTime(t: LocalDateTime): string {
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}00`;
}

const encoder = new TextEncoder();

/** One content line folded to at most 75 octets a line, continuation lines starting with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** Content lines joined as an iCalendar stream: each folded, each ended with CRLF. */
export function contentLines(lines: readonly string[]): string {
  return lines.map((l) => foldLine(l) + '\r\n').join('');
}
