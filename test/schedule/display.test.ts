import { describe, expect, it } from 'vitest';
import { discordTimestamp, formatPlain, formatPlainRange, slackDate } from '../../src/schedule/display.js';
import { instant } from './helpers.js';

const start = instant('2026-12-07 15:30', '+01:00'); // 14:30 UTC, epoch 1796653800

describe('display helpers', () => {
  it('plain text names the weekday, the zone and its offset at that instant', () => {
    expect(formatPlain(start, 'Europe/Berlin')).toBe('Mon 7 Dec 2026 15:30 (Europe/Berlin, UTC+01:00)');
    expect(formatPlain(start, 'America/New_York')).toBe('Mon 7 Dec 2026 09:30 (America/New_York, UTC-05:00)');
    expect(formatPlain(start, 'Asia/Kolkata')).toBe('Mon 7 Dec 2026 20:00 (Asia/Kolkata, UTC+05:30)');
    expect(formatPlain(instant('2026-07-01 10:00', '+02:00'), 'Europe/Berlin')).toBe(
      'Wed 1 Jul 2026 10:00 (Europe/Berlin, UTC+02:00)',
    );
  });
  it('a range shows the end time, and the end date when it is another day', () => {
    expect(formatPlainRange(start, start + 30 * 60_000, 'Europe/Berlin')).toBe(
      'Mon 7 Dec 2026 15:30–16:00 (Europe/Berlin, UTC+01:00)',
    );
    expect(formatPlainRange(start, start + 9 * 3_600_000, 'Europe/Berlin')).toBe(
      'Mon 7 Dec 2026 15:30–Tue 8 Dec 2026 00:30 (Europe/Berlin, UTC+01:00)',
    );
  });
  it("Slack's date token carries the epoch, the format and a plain fallback", () => {
    expect(slackDate(start, 'Europe/Berlin')).toBe(
      '<!date^1796653800^{date_short_pretty} at {time}|Mon 7 Dec 2026 15:30 (Europe/Berlin, UTC+01:00)>',
    );
    expect(slackDate(start + 999, 'UTC', '{date_long}|x>')).toBe(
      '<!date^1796653800^{date_long}x|Mon 7 Dec 2026 14:30 (UTC, UTC+00:00)>',
    );
  });
  it("Discord's timestamp markup in full and relative styles", () => {
    expect(discordTimestamp(start)).toBe('<t:1796653800:F>');
    expect(discordTimestamp(start, 'R')).toBe('<t:1796653800:R>');
  });
});
