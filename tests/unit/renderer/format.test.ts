import { describe, expect, it } from 'vitest';
import { formatNumber, localiseDigits, toLatinDigits, toPersianDigits } from '../../../renderer/format/digits';
import { formatDate, formatDateTime, formatLongDate, formatShortDate } from '../../../renderer/format/dates';
import { displayPhone, looksLikePhone } from '../../../renderer/format/phone';
import { directionOf, directionOfText } from '../../../renderer/format/language';

describe('digits', () => {
  it('writes Latin digits as Persian ones and leaves other text alone', () => {
    expect(toPersianDigits('0912 345 6789')).toBe('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    expect(toPersianDigits('ساعت 10:05')).toBe('ساعت ۱۰:۰۵');
  });

  it('reads Persian and Arabic-Indic digits as Latin ones', () => {
    expect(toLatinDigits('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('0912 345 6789');
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('+98 ۹۱۲')).toBe('+98 912');
  });

  it('localises digits to the interface language, both ways', () => {
    expect(localiseDigits('1404/01/01', 'fa')).toBe('۱۴۰۴/۰۱/۰۱');
    expect(localiseDigits('۱۴۰۴/۰۱/۰۱', 'en')).toBe('1404/01/01');
  });

  it('formats counts with the Persian thousands separator', () => {
    expect(formatNumber(1234567, 'fa')).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(0, 'fa')).toBe('۰');
    expect(formatNumber(12.5, 'fa')).toBe('۱۲٫۵');
  });
});

describe('Jalali dates', () => {
  // 2025-03-20 21:00 UTC is 00:30 on 21 March in Tehran (UTC+3:30): 1 Farvardin 1404,
  // while in UTC it is still 30 Esfand 1403 (1403 is a leap year).
  const nowruz = Date.UTC(2025, 2, 20, 21, 0);
  const tehran = { timeZone: 'Asia/Tehran' };

  it('shows day, month name and year in Persian digits', () => {
    expect(formatDate(nowruz, 'fa', tehran)).toBe('۱ فروردین ۱۴۰۴');
    expect(formatDate(nowruz, 'fa', { timeZone: 'UTC' })).toBe('۳۰ اسفند ۱۴۰۳');
  });

  it('adds the time, 24-hour, in the given zone', () => {
    expect(formatDateTime(nowruz, 'fa', tehran)).toBe('۱ فروردین ۱۴۰۴، ساعت ۰۰:۳۰');
    expect(formatDateTime(nowruz, 'en', tehran)).toBe('1 Farvardin 1404, 00:30');
  });

  it('names the weekday for the dashboard', () => {
    // 21 March 2025 was a Friday (جمعه).
    expect(formatLongDate(nowruz, 'fa', tehran)).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(formatLongDate(nowruz, 'en', tehran)).toBe('Friday 1 Farvardin 1404');
  });

  it('has a compact form for tables', () => {
    expect(formatShortDate(nowruz, 'fa', tehran)).toBe('۱۴۰۴/۰۱/۰۱');
    expect(formatShortDate(nowruz, 'en', tehran)).toBe('1404/01/01');
  });

  it('never leaves a Latin digit in a Persian date', () => {
    for (let m = 0; m < 12; m++) {
      const ms = Date.UTC(2025, m, 15, 12, 34);
      expect(formatDateTime(ms, 'fa', tehran)).not.toMatch(/[0-9]/);
    }
  });
});

describe('phone numbers', () => {
  it('shows the backend display form in the interface digits', () => {
    expect(displayPhone('0912 345 6789', 'fa')).toBe('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    expect(displayPhone('۰۹۱۲ ۳۴۵ ۶۷۸۹', 'en')).toBe('0912 345 6789');
  });

  it('tells a number from a name in the search box', () => {
    expect(looksLikePhone('+98 912 345 6789')).toBe(true);
    expect(looksLikePhone('۰۹۱۲۳۴۵۶۷۸۹')).toBe(true);
    expect(looksLikePhone('(021) 8888-0000')).toBe(true);
    expect(looksLikePhone('0098 912')).toBe(true);
    expect(looksLikePhone('12')).toBe(false);
    expect(looksLikePhone('کیوان')).toBe(false);
    expect(looksLikePhone('room 12345')).toBe(false);
  });
});

describe('direction', () => {
  it('is right-to-left for Persian only', () => {
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('reads typed text in its own direction, from its first letter', () => {
    expect(directionOfText('کیوان')).toBe('rtl');
    expect(directionOfText('  ۱۲ كيوان')).toBe('rtl');
    expect(directionOfText('John یزدانی')).toBe('ltr');
    expect(directionOfText('12 - ')).toBeNull();
    expect(directionOfText('')).toBeNull();
  });
});
