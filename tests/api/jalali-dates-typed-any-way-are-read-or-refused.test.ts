import { describe, expect, it } from 'vitest';
import { jalaliToUtc, jalaliWallTimeOf, parseJalali, startOfZoneDay } from '../../main/api/jalali-input';

describe('typed Jalali dates', () => {
  it('reads a day, or a day and a time, in Latin or Persian digits, with / or -', () => {
    expect(parseJalali('1404/02/15')).toEqual({ year: 1404, month: 2, day: 15, time: null });
    expect(parseJalali(' ۱۴۰۴/۲/۵ ۰۹:۳۰ ')).toEqual({ year: 1404, month: 2, day: 5, time: { hour: 9, minute: 30 } });
    expect(parseJalali('1404-12-29 23:59')).toEqual({ year: 1404, month: 12, day: 29, time: { hour: 23, minute: 59 } });
    expect(parseJalali('1404/01/01 11:30:15')).toEqual({ year: 1404, month: 1, day: 1, time: { hour: 11, minute: 30, second: 15 } });
  });

  it('refuses days that do not exist, and anything that is not a date', () => {
    for (const bad of ['1404/12/30', '1404/07/31', '1404/00/10', '1404/13/01', '1404/01/32', '1404/01/01 24:00', '1404/01/01 10:60', '1404/01/01 10:00:60', '2025-03-21x', '', 'فردا', '1404/1/1/1']) {
      expect(parseJalali(bad), bad).toBeNull();
    }
  });

  it('knows the leap years: 1403 has Esfand 30th, 1404 does not', () => {
    expect(parseJalali('1403/12/30')).not.toBeNull();
    expect(parseJalali('1404/12/30')).toBeNull();
  });

  it('turns an office wall-clock time into the UTC instant, whatever the machine’s zone', () => {
    // Nowruz 1404 = 21 March 2025; Tehran is UTC+3:30 (no daylight saving since 2022).
    expect(jalaliToUtc(parseJalali('1404/01/01 11:30')!, 'Asia/Tehran')).toBe(Date.UTC(2025, 2, 21, 8, 0));
    expect(jalaliToUtc(parseJalali('1404/01/01 00:00')!, 'UTC')).toBe(Date.UTC(2025, 2, 21, 0, 0));
    expect(jalaliToUtc(parseJalali('1404/01/01 11:30:15')!, 'Asia/Tehran')).toBe(Date.UTC(2025, 2, 21, 8, 0, 15));
    // A zone with daylight saving: Berlin in summer is UTC+2.
    expect(jalaliToUtc(parseJalali('1404/04/01 12:00')!, 'Europe/Berlin')).toBe(Date.UTC(2025, 5, 22, 10, 0));
  });

  it('reads an instant back as the office wall clock shows it', () => {
    expect(jalaliWallTimeOf(Date.UTC(2025, 2, 21, 8, 0), 'Asia/Tehran')).toEqual(parseJalali('1404/01/01 11:30'));
    expect(jalaliWallTimeOf(Date.UTC(2025, 2, 20, 21, 0), 'Asia/Tehran')).toEqual(parseJalali('1404/01/01 00:30'));
    expect(jalaliWallTimeOf(Date.UTC(2025, 2, 20, 20, 29), 'Asia/Tehran')).toEqual(parseJalali('1403/12/30 23:59'));
  });

  it('a whole day lasts until its last millisecond in the office zone', () => {
    expect(jalaliToUtc(parseJalali('1404/01/01')!, 'Asia/Tehran')).toBe(Date.UTC(2025, 2, 21, 20, 30) - 1);
  });

  it('finds the start of the office zone’s day, and of days around it', () => {
    const t = Date.UTC(2025, 2, 21, 21, 0); // 00:30 on 1404/01/02 in Tehran
    expect(startOfZoneDay(t, 'Asia/Tehran')).toBe(Date.UTC(2025, 2, 21, 20, 30));
    expect(startOfZoneDay(t, 'Asia/Tehran', 1)).toBe(Date.UTC(2025, 2, 22, 20, 30));
    expect(startOfZoneDay(t, 'UTC', -1)).toBe(Date.UTC(2025, 2, 20, 0, 0));
  });
});
