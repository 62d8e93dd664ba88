import { describe, expect, it } from 'vitest';
import { resolveTimeZone } from '../../src/schedule/time-zones.js';
import { isScheduleError } from '../../src/schedule/errors.js';

function refused(input: string): { message: string; suggestion: string | undefined } {
  try {
    resolveTimeZone(input);
  } catch (err) {
    if (!isScheduleError(err, 'invalid_time_zone')) throw err;
    return { message: err.userMessage, suggestion: err.suggestion };
  }
  throw new Error(`${input} was accepted`);
}

describe('resolveTimeZone', () => {
  it('accepts IANA names, fixing their case, and UTC', () => {
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone(' europe/london ')).toBe('Europe/London');
    expect(resolveTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(resolveTimeZone('america/argentina/buenos_aires')).toBe('America/Buenos_Aires');
    expect(resolveTimeZone('US/Eastern')).toBe('US/Eastern');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('utc')).toBe('UTC');
  });
  it('refuses abbreviations with the city zone people usually mean', () => {
    expect(refused('EST')).toEqual({
      message:
        'EST is an abbreviation that does not follow daylight saving; use a city zone such as America/New_York.',
      suggestion: 'America/New_York',
    });
    expect(refused('PST').suggestion).toBe('America/Los_Angeles');
    expect(refused('cet').suggestion).toBe('Europe/Berlin');
    expect(refused('GMT').suggestion).toBe('Europe/London');
    expect(refused('IST').suggestion).toBe('Asia/Kolkata');
  });
  it('suggests the closest name for typos and bare cities', () => {
    expect(refused('Europe/Londn')).toEqual({
      message: 'Europe/Londn is not a time zone I know; did you mean Europe/London?',
      suggestion: 'Europe/London',
    });
    expect(refused('America/New York').suggestion).toBe('America/New_York');
    expect(refused('London').suggestion).toBe('Europe/London');
    expect(refused('new york').suggestion).toBe('America/New_York');
    expect(refused('Berlni').suggestion).toBe('Europe/Berlin');
  });
  it('refuses fixed offsets and nonsense in one sentence', () => {
    expect(refused('UTC+2').message).toMatch(
      /^UTC\+2 is a fixed offset that does not follow daylight saving;/,
    );
    expect(refused('-05:00').suggestion).toBeUndefined();
    const nonsense = refused('Qwertyuiop/Zxcvbnm');
    expect(nonsense.message).toBe(
      'Qwertyuiop/Zxcvbnm is not a time zone I know; use an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect(nonsense.suggestion).toBeUndefined();
    expect(refused('').message).toBe('Give a time zone by its IANA name, such as Europe/Berlin.');
    expect(refused('x'.repeat(10_000)).message).toBe(
      'Give a time zone by its IANA name, such as Europe/Berlin.',
    );
  });
});
