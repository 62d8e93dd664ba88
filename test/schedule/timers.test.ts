import { describe, expect, it } from 'vitest';
import {
  due,
  lateSuffix,
  LATE_LIMIT_MS,
  timersForOccurrence,
  type Timer,
} from '../../src/schedule/timers.js';

const MIN = 60_000;
const start = Date.parse('2026-06-10T10:00:00Z');
const occurrence = { startMs: start, endMs: start + 30 * MIN };

describe('timersForOccurrence', () => {
  it('makes the reminder, "starting now" and the roll to the next occurrence, with stable IDs', () => {
    const timers = timersForOccurrence('sch_1', occurrence, 10, start - 60 * MIN);
    expect(timers.map((t) => [t.kind, t.fireAtMs - start, t.id])).toEqual([
      ['remind', -10 * MIN, `sch_1:${start}:remind`],
      ['start', 0, `sch_1:${start}:start`],
      ['next', 30 * MIN, `sch_1:${start}:next`],
    ]);
    expect(timersForOccurrence('sch_1', occurrence, 10, start - 60 * MIN)).toEqual(timers);
  });
  it('makes no reminder that is already past when planned, nor one without --remind', () => {
    expect(timersForOccurrence('s', occurrence, 10, start - 5 * MIN).map((t) => t.kind)).toEqual([
      'start',
      'next',
    ]);
    expect(timersForOccurrence('s', occurrence, undefined, 0).map((t) => t.kind)).toEqual(['start', 'next']);
  });
});

describe('due and the late rule', () => {
  const [remind, begin, next] = timersForOccurrence('s', occurrence, 20, 0) as [Timer, Timer, Timer];
  const at = (ms: number) => due([next, begin, remind], ms);

  it('nothing is due before its time; due timers come earliest first', () => {
    expect(at(start - 21 * MIN)).toEqual([]);
    expect(at(start + 31 * MIN).map((d) => d.timer.kind)).toEqual(['remind', 'start', 'next']);
  });
  it('a reminder on time, up to a minute after its mark, has no "(late)"', () => {
    const [d] = at(start - 20 * MIN + 59_000);
    expect(d).toMatchObject({ action: 'fire', late: false, lateByMs: 59_000 });
    expect(lateSuffix(d!)).toBe('');
  });
  it('a reminder less than 10 minutes late is posted with "(late)"', () => {
    const [d] = at(start - 20 * MIN + LATE_LIMIT_MS - 1);
    expect(d).toMatchObject({ action: 'fire', late: true });
    expect(lateSuffix(d!)).toBe(' (late)');
  });
  it('a reminder 10 minutes late or more is skipped, and so is one after the start', () => {
    expect(at(start - 20 * MIN + LATE_LIMIT_MS)[0]).toMatchObject({ action: 'skip', reason: 'too-late' });
    const short = timersForOccurrence('s', occurrence, 5, 0)[0]!;
    expect(due([short], start + MIN)[0]).toMatchObject({ action: 'skip', reason: 'already-started' });
  });
  it('"starting now" is posted late while the meeting runs, and skipped after it ended', () => {
    const during = at(start + 25 * MIN).find((d) => d.timer.kind === 'start')!;
    expect(during).toMatchObject({ action: 'fire', late: true });
    expect(lateSuffix(during)).toBe(' (late)');
    expect(at(start + 30 * MIN).find((d) => d.timer.kind === 'start')).toMatchObject({
      action: 'skip',
      reason: 'already-ended',
    });
  });
  it('the roll to the next occurrence always runs, with no "(late)" text', () => {
    const d = at(start + 3 * 24 * 60 * MIN).find((x) => x.timer.kind === 'next')!;
    expect(d).toMatchObject({ action: 'fire', late: true });
    expect(lateSuffix(d)).toBe('');
  });
});
