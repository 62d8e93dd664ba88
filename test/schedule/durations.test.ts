import { describe, expect, it } from 'vitest';
import { formatMinutes, parseDuration, parseMinutes, parseReminder } from '../../src/schedule/durations.js';
import { ScheduleError } from '../../src/schedule/errors.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScheduleError) return `${err.code}: ${err.userMessage}`;
    throw err;
  }
  throw new Error('accepted');
}

describe('durations and reminders', () => {
  it('reads the forms people type', () => {
    expect(parseMinutes('30m')).toBe(30);
    expect(parseMinutes('1h')).toBe(60);
    expect(parseMinutes('1h30m')).toBe(90);
    expect(parseMinutes('1h 30m')).toBe(90);
    expect(parseMinutes('90 minutes')).toBe(90);
    expect(parseMinutes('2 hours')).toBe(120);
    expect(parseMinutes('1d')).toBe(1440);
    expect(parseMinutes('1x')).toBeUndefined();
    expect(parseMinutes('')).toBeUndefined();
    expect(parseMinutes('1'.repeat(100) + 'm')).toBeUndefined();
  });
  it('--duration is 5m to 12h', () => {
    expect(parseDuration('30m')).toBe(30);
    expect(parseDuration('1h30m')).toBe(90);
    expect(parseDuration('5m')).toBe(5);
    expect(parseDuration('12h')).toBe(720);
    expect(message(() => parseDuration('4m'))).toBe(
      'invalid_duration: A meeting length must be between 5m and 12h; 4m is out of range.',
    );
    expect(message(() => parseDuration('12h1m'))).toMatch(/12h 1m is out of range/);
    expect(message(() => parseDuration('30'))).toBe(
      'invalid_duration: "30" needs a unit: write 30m for minutes or 30h for hours.',
    );
    expect(message(() => parseDuration('half an hour'))).toBe(
      'invalid_duration: "half an hour" is not a meeting length; write it like 30m, 1h or 1h30m.',
    );
  });
  it('--remind is 1m to 7d', () => {
    expect(parseReminder('10m')).toBe(10);
    expect(parseReminder('1d')).toBe(1440);
    expect(message(() => parseReminder('0m'))).toMatch(
      /^invalid_reminder: A reminder time must be between 1m and 7d;/,
    );
    expect(message(() => parseReminder('8d'))).toMatch(/8d is out of range/);
  });
  it('formats lengths the way they are typed', () => {
    expect(formatMinutes(45)).toBe('45m');
    expect(formatMinutes(60)).toBe('1h');
    expect(formatMinutes(90)).toBe('1h 30m');
    expect(formatMinutes(1440 + 61)).toBe('1d 1h 1m');
    expect(formatMinutes(0)).toBe('0m');
  });
});
