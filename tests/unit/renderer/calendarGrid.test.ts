import { describe, expect, it } from 'vitest';
import {
  addJalaliMonths,
  dayHeader,
  jalaliOf,
  layoutDay,
  localAt,
  minutesBetween,
  monthGrid,
  monthTitle,
  nowIn,
  segmentOn,
  timeOf,
  todayIn,
  weekDays,
  weekStart,
  weekdayShort,
} from '../../../renderer/features/calendar/calendarGrid';

describe('weeks', () => {
  it('start on Saturday and end on Friday', () => {
    expect(weekStart('2025-04-23')).toBe('2025-04-19');
    expect(weekStart('2025-04-19')).toBe('2025-04-19');
    expect(weekStart('2025-04-25')).toBe('2025-04-19');
    expect(weekDays('2025-04-25')).toEqual(['2025-04-19', '2025-04-20', '2025-04-21', '2025-04-22', '2025-04-23', '2025-04-24', '2025-04-25']);
  });

  it('are headed in Jalali with Persian digits, or in English with Latin ones', () => {
    expect(dayHeader('2025-04-19', 'fa')).toBe('شنبه ۳۰ فروردین');
    expect(dayHeader('2025-04-19', 'en')).toBe('Saturday 30 Farvardin');
    expect(weekdayShort('2025-04-19', 'fa')).toBe('ش');
    expect(timeOf('2025-04-19T09:05', 'fa')).toBe('۰۹:۰۵');
  });
});

describe('the Jalali month grid', () => {
  it('shows Esfand 1403 (a leap year) with its 30th day, from the Saturday before the 1st', () => {
    const g = monthGrid('2025-03-01');
    expect(g.month).toEqual({ year: 1403, month: 12, day: 1 });
    expect(monthTitle('2025-03-01', 'fa')).toBe('اسفند ۱۴۰۳');
    expect(g.weeks[0]![0]).toBe('2025-02-15');
    const all = g.weeks.flat();
    expect(all).toContain('2025-03-20');
    expect(jalaliOf('2025-03-20')).toEqual({ year: 1403, month: 12, day: 30 });
    expect(g.weeks.every((w) => w.length === 7)).toBe(true);
    expect(g.weeks.at(-1)!.at(-1)).toBe('2025-03-21');
  });

  it('ends Esfand 1404 on its 29th and moves between months across the year', () => {
    const g = monthGrid('2026-03-10');
    expect(g.month).toEqual({ year: 1404, month: 12, day: 1 });
    expect(jalaliOf(g.weeks.at(-1)!.find((d) => jalaliOf(d).month === 12 && jalaliOf(d).day === 29)!)).toEqual({ year: 1404, month: 12, day: 29 });
    expect(g.weeks.flat().some((d) => jalaliOf(d).month === 12 && jalaliOf(d).day === 30)).toBe(false);
    expect(addJalaliMonths('2025-03-20', 1)).toBe('2025-03-21');
    expect(addJalaliMonths('2025-03-21', -1)).toBe('2025-02-19');
  });
});

describe('times of day', () => {
  it('counts minutes across midnight and clips an item to each day it covers', () => {
    expect(minutesBetween('2025-04-19T23:30', '2025-04-20T01:00')).toBe(90);
    expect(localAt('2025-04-19', 25 * 60)).toBe('2025-04-20T01:00');
    expect(segmentOn('2025-04-19', '2025-04-19T23:30', '2025-04-20T01:00')).toEqual({ top: 1410, bottom: 1440 });
    expect(segmentOn('2025-04-20', '2025-04-19T23:30', '2025-04-20T01:00')).toEqual({ top: 0, bottom: 60 });
    expect(segmentOn('2025-04-21', '2025-04-19T23:30', '2025-04-20T01:00')).toBeNull();
  });

  it('lays overlapping items side by side and lets others use the full width', () => {
    const placed = layoutDay([
      { item: 'a', top: 600, bottom: 660 },
      { item: 'b', top: 630, bottom: 690 },
      { item: 'c', top: 665, bottom: 700 },
      { item: 'd', top: 720, bottom: 780 },
    ]);
    const by = Object.fromEntries(placed.map((p) => [p.item, [p.column, p.columns]]));
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('reads today and now in the office’s zone', () => {
    const at = Date.UTC(2025, 2, 20, 21, 0);
    expect(todayIn('Asia/Tehran', at)).toBe('2025-03-21');
    expect(nowIn('Asia/Tehran', at)).toBe('2025-03-21T00:30');
  });

  it('reads now afresh as each minute turns, for each zone apart, across a change of clocks and back in time', () => {
    // New York's clocks jump from 02:00 to 03:00 at 07:00 UTC on 9 March 2025.
    const jump = Date.UTC(2025, 2, 9, 7, 0);
    const asked: [string, number, string][] = [
      ['America/New_York', jump - 30_000, '2025-03-09T01:59'],
      ['Asia/Tehran', jump - 30_000, '2025-03-09T10:29'],
      ['America/New_York', jump - 1, '2025-03-09T01:59'],
      ['America/New_York', jump, '2025-03-09T03:00'],
      ['Asia/Tehran', jump, '2025-03-09T10:30'],
      ['America/New_York', jump + 59_999, '2025-03-09T03:00'],
      ['America/New_York', jump - 60_000, '2025-03-09T01:59'],
      ['America/New_York', jump - 60_001, '2025-03-09T01:58'],
    ];
    for (const [zone, at, expected] of asked) expect(nowIn(zone, at), `${zone} ${new Date(at).toISOString()}`).toBe(expected);
  });
});
