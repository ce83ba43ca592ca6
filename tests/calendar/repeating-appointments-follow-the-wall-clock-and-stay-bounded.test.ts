import { describe, expect, it } from 'vitest';
import { expand, MAX_OCCURRENCES, RecurrenceError, ruleText, describeRule, canonicalRule, type Series } from '../../main/calendar/recurrence';
import { fromJalali, jalaliMonthLength, jalaliMonthRange, toJalali } from '../../main/calendar/jalali';
import { dateOf, parseLocal, toUtc, wallOf, formatLocal, localFormatter } from '../../main/api/zoned-time';

const HOUR = 3_600_000;

function series(rrule: string | null, startLocal: string, zone: string, hours = 1): Series {
  return { rrule, zone, allDay: false, start: parseLocal(startLocal)!, durationMs: hours * HOUR, days: 1 };
}

describe('times in a zone', () => {
  it('reads 10:00 in Tehran as 06:30 UTC (no daylight saving since 1402)', () => {
    expect(new Date(toUtc(parseLocal('2025-04-19T10:00')!, 'Asia/Tehran')).toISOString()).toBe('2025-04-19T06:30:00.000Z');
    expect(formatLocal(wallOf(Date.UTC(2025, 3, 19, 6, 30), 'Asia/Tehran'))).toBe('2025-04-19T10:00');
  });

  it('reads a time that does not exist on a spring-forward night with the offset before the change, as RFC 5545 says', () => {
    // Berlin skips 02:00–03:00 on 30 March 2025: 02:30 is read as 02:30 CET = 03:30 CEST.
    const t = toUtc(parseLocal('2025-03-30T02:30')!, 'Europe/Berlin');
    expect(new Date(t).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(formatLocal(wallOf(t, 'Europe/Berlin'))).toBe('2025-03-30T03:30');
  });

  it('reads a time that happens twice when clocks go back as the first of the two', () => {
    const t = toUtc(parseLocal('2025-10-26T02:30')!, 'Europe/Berlin');
    expect(new Date(t).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });
});

describe('a long list\'s local times', () => {
  it('are what one time at a time gives, across a change of clocks, however often an instant repeats and in whatever order', () => {
    // Berlin's clocks go from 02:00 to 03:00 at 01:00 UTC on 30 March 2025: every quarter
    // hour of that night, twice, forwards then backwards, each zone with its own formatter.
    const night = Array.from({ length: 16 }, (_, i) => Date.UTC(2025, 2, 29, 22) + i * 900_000);
    const asked = [...night, ...night.slice().reverse()];
    for (const zone of ['Europe/Berlin', 'Asia/Tehran']) {
      const local = localFormatter(zone);
      expect(asked.map(local), zone).toEqual(asked.map((ms) => formatLocal(wallOf(ms, zone))));
    }
    const berlin = localFormatter('Europe/Berlin');
    expect([Date.UTC(2025, 2, 30, 0, 59), Date.UTC(2025, 2, 30, 1, 0), Date.UTC(2025, 2, 30, 0, 59)].map(berlin)).toEqual([
      '2025-03-30T01:59',
      '2025-03-30T03:00',
      '2025-03-30T01:59',
    ]);
  });
});

describe('weekly and daily rules', () => {
  it('keeps a Berlin meeting at 10:00 local across the change to summer time (09:00 UTC, then 08:00 UTC)', () => {
    const occ = expand(series('FREQ=WEEKLY;BYDAY=TH;COUNT=3', '2025-03-20T10:00', 'Europe/Berlin'));
    expect(occ.map((o) => new Date(o.start).toISOString())).toEqual([
      '2025-03-20T09:00:00.000Z',
      '2025-03-27T09:00:00.000Z',
      '2025-04-03T08:00:00.000Z',
    ]);
    expect(occ.every((o) => o.end - o.start === HOUR)).toBe(true);
    expect(occ.every((o) => o.original === o.start)).toBe(true);
  });

  it('makes the form’s weekly rule start weeks on Saturday and end on the chosen date, inclusive', () => {
    const start = parseLocal('2025-04-19T10:00')!;
    const text = ruleText({ freq: 'weekly', interval: 2, weekdays: ['SA', 'MO'], until: '2025-05-17' }, start, 'Asia/Tehran', false);
    expect(text).toBe('FREQ=WEEKLY;WKST=SA;BYDAY=SA,MO;INTERVAL=2;UNTIL=20250517T202959Z');
    const days = expand(series(text, '2025-04-19T10:00', 'Asia/Tehran')).map((o) => dateOf(o.start, 'Asia/Tehran'));
    expect(days).toEqual(['2025-04-19', '2025-04-21', '2025-05-03', '2025-05-05', '2025-05-17']);
    expect(describeRule(text, 'Asia/Tehran')).toEqual({ freq: 'weekly', interval: 2, weekdays: ['SA', 'MO'], until: '2025-05-17' });
  });

  it('repeats an all-day item on dates, whatever the zone', () => {
    const s: Series = { rrule: 'FREQ=DAILY;COUNT=3', zone: 'Asia/Tehran', allDay: true, start: parseLocal('2025-04-19T00:00')!, durationMs: 0, days: 2 };
    const occ = expand(s);
    expect(occ.map((o) => [o.startDate, o.endDate])).toEqual([
      ['2025-04-19', '2025-04-20'],
      ['2025-04-20', '2025-04-21'],
      ['2025-04-21', '2025-04-22'],
    ]);
    expect(new Date(occ[0]!.start).toISOString()).toBe('2025-04-18T20:30:00.000Z');
    expect(occ[0]!.end - occ[0]!.start).toBe(48 * HOUR);
  });
});

describe('Jalali months', () => {
  it('knows Esfand has 30 days in the leap year 1403 and 29 in 1404', () => {
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(fromJalali({ year: 1403, month: 12, day: 30 })).toBe('2025-03-20');
    expect(fromJalali({ year: 1404, month: 12, day: 30 })).toBeNull();
    expect(jalaliMonthRange(1403, 12)).toEqual({ first: '2025-02-19', last: '2025-03-20' });
    expect(jalaliMonthRange(1404, 1)).toEqual({ first: '2025-03-21', last: '2025-04-20' });
    expect(toJalali('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
  });

  it('repeats "monthly on the 30th" on Jalali days: Esfand 30 in 1403, the last day of Esfand 1404', () => {
    const start = parseLocal('2025-02-18T10:00')!; // 1403/11/30
    expect(toJalali('2025-02-18')).toEqual({ year: 1403, month: 11, day: 30 });
    const text = ruleText({ freq: 'monthly', interval: 1, count: 14 }, start, 'Asia/Tehran', false);
    expect(text).toBe('RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD;COUNT=14');
    const jalali = expand(series(text, '2025-02-18T10:00', 'Asia/Tehran')).map((o) => toJalali(dateOf(o.start, 'Asia/Tehran')));
    expect(jalali[0]).toEqual({ year: 1403, month: 11, day: 30 });
    expect(jalali[1]).toEqual({ year: 1403, month: 12, day: 30 });
    expect(jalali[2]).toEqual({ year: 1404, month: 1, day: 30 });
    expect(jalali[13]).toEqual({ year: 1404, month: 12, day: 29 });
    expect(describeRule(text, 'Asia/Tehran')).toEqual({ freq: 'monthly', interval: 1, monthDay: 30, count: 14 });
  });

  it('leaves out a month without the day when the rule says SKIP=OMIT', () => {
    const occ = expand(series('RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7', '2025-03-21T09:00', 'Asia/Tehran'));
    const months = occ.map((o) => toJalali(dateOf(o.start, 'Asia/Tehran')));
    // Farvardin to Shahrivar have 31 days; Mehr (7) does not, so the 7th occurrence is in Farvardin 1405.
    expect(months.map((j) => `${j.year}/${j.month}/${j.day}`)).toEqual(['1404/1/31', '1404/2/31', '1404/3/31', '1404/4/31', '1404/5/31', '1404/6/31', '1405/1/31']);
  });
});

describe('bounds', () => {
  it(`refuses 100,000 occurrences before making them (the limit is ${MAX_OCCURRENCES})`, () => {
    let err: unknown;
    try {
      expand(series('FREQ=DAILY;COUNT=100000', '2025-04-19T10:00', 'Asia/Tehran'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecurrenceError);
    expect((err as RecurrenceError).problem).toBe('tooMany');
  });

  it('refuses an end date that makes too many occurrences, and a rule without an end', () => {
    expect(() => expand(series('FREQ=DAILY;UNTIL=20300101T000000Z', '2025-04-19T10:00', 'Asia/Tehran'))).toThrowError(RecurrenceError);
    const unbounded = (() => {
      try {
        expand(series('FREQ=WEEKLY;BYDAY=MO', '2025-04-19T10:00', 'Asia/Tehran'));
      } catch (e) {
        return e as RecurrenceError;
      }
      return null;
    })();
    expect(unbounded?.problem).toBe('unbounded');
  });

  it('accepts exactly the limit', () => {
    expect(expand(series(`FREQ=DAILY;COUNT=${MAX_OCCURRENCES}`, '2025-04-19T10:00', 'Asia/Tehran'))).toHaveLength(MAX_OCCURRENCES);
  });

  it('refuses rules that are not rules', () => {
    for (const bad of ['FREQ=SOMETIMES;COUNT=2', 'COUNT=2', 'FREQ=DAILY;COUNT=0', 'RSCALE=HEBREW;FREQ=MONTHLY;COUNT=2', 'FREQ=MINUTELY;COUNT=5']) {
      expect(() => expand(series(bad, '2025-04-19T10:00', 'Asia/Tehran')), bad).toThrowError(RecurrenceError);
    }
  });

  it('spells each rule one way, so a rule read back from a file equals the stored one', () => {
    expect(canonicalRule('COUNT=5;FREQ=WEEKLY;BYDAY=MO')).toBe(canonicalRule('FREQ=WEEKLY;BYDAY=MO;COUNT=5'));
    expect(canonicalRule('COUNT=3;FREQ=MONTHLY;RSCALE=PERSIAN;BYMONTHDAY=30')).toBe('RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3');
  });
});
