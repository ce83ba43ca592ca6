import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneE164, phoneSearchTokens } from '../../main/identities/phone';

const MOBILE = '+989121234567';
const TEHRAN = '+982188881234';

describe('normalisePhone', () => {
  it.each([
    '09121234567',
    '+98 912 123 4567',
    '0098 912 123 4567',
    '۰۹۱۲۱۲۳۴۵۶۷',
    '٠٩١٢١٢٣٤٥٦٧',
    '912-123-4567',
    '(0912) 123 45 67',
    '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷',
    '9121234567',
    '  0912.123.4567  ',
    '\u200E+98 912 123 4567\u200F',
  ])('%s is the mobile +989121234567', (typed) => {
    expect(normalisePhone(typed)?.e164).toBe(MOBILE);
  });

  it('gives a national display format in Latin digits', () => {
    expect(normalisePhone('۰۹۱۲۱۲۳۴۵۶۷')?.national).toBe('0912 123 4567');
  });

  it.each([
    ['021-8888 1234', {}],
    ['021 88881234', {}],
    ['+98 21 8888 1234', {}],
    ['88881234', { defaultAreaCode: '21' }],
    ['8888-1234', { defaultAreaCode: '21' }],
    ['۸۸۸۸۱۲۳۴', { defaultAreaCode: '21' }],
  ])('fixed line %s (%o) is +982188881234', (typed, options) => {
    expect(normalisePhone(typed, options)?.e164).toBe(TEHRAN);
  });

  it('a local number uses the configured area code', () => {
    expect(normalisePhone('32221234', { defaultAreaCode: '31' })?.e164).toBe('+983132221234');
  });

  it('a local 8-digit number without an area code setting is not guessed', () => {
    expect(normalisePhone('88881234')).toBeNull();
  });

  it.each([
    ['021 8888 1234 داخلی 12'],
    ['021-8888-1234 ext. 305'],
    ['02188881234 x12'],
    ['021 8888 1234 #7'],
    ['۰۲۱ ۸۸۸۸ ۱۲۳۴ داخلی ۱۲'],
  ])('a trailing extension is dropped: %s', (typed) => {
    expect(normalisePhone(typed)?.e164).toBe(TEHRAN);
  });

  it.each(['12', 'abc', '0912123', '', '   ', '+', '09121234567abc', 'ali 0912', '0912123456789012', '+98'])(
    '%s is not a phone number',
    (typed) => {
      expect(normalisePhone(typed, { defaultAreaCode: '21' })).toBeNull();
    },
  );

  it('a foreign number stays valid and keeps its country', () => {
    expect(normalisePhone('+44 20 7946 0958')?.e164).toBe('+442079460958');
    expect(normalisePhone('0044 20 7946 0958')?.e164).toBe('+442079460958');
    expect(normalisePhone('+1 (415) 555-2671')?.e164).toBe('+14155552671');
  });

  it('a foreign number is displayed with its country code, not as if it were Iranian', () => {
    // "020 7946 0958" would read as a wrong local number in Iran.
    const display = normalisePhone('+44 20 7946 0958')?.national ?? '';
    expect(display.replace(/\s/g, '')).toBe('+442079460958');
  });
});

describe('phoneE164 (caller-ID)', () => {
  // Caller-ID skips the display form and, for plain ASCII numbers, the folding: its answer
  // must still be exactly what saving the number stores.
  const typed = [
    '09121234567', '+98 912 123 4567', '0098 912 123 4567', '۰۹۱۲۱۲۳۴۵۶۷', '912-123-4567', '(0912) 123 45 67',
    '  0912.123.4567  ', '\u200E+98 912 123 4567\u200F', '0912\uFEFF1234567', '0912\u200C123 4567', '021-8888 1234',
    '88881234', '8888-1234', '32221234', '021 8888 1234 داخلی 12', '02188881234 x12', '021 8888 1234 #7', '12', 'abc',
    '0912123', '', '   ', '+', '+98', '0912+1234567', '09121234567abc', '+44 20 7946 0958', '0044 20 7946 0958',
    '+1 (415) 555-2671', '0912/123/4567', '1234', '09901234567', '09001234567',
  ];
  it.each(typed.flatMap((t) => [[t, {}], [t, { defaultAreaCode: '31' }]] as const))('%j (%o) reads as saving reads it', (t, options) => {
    // Asked first, so the answer is its own and not one normalisePhone left behind.
    const e164 = phoneE164(t, options);
    expect(e164).toBe(normalisePhone(t, options)?.e164 ?? null);
  });
});

describe('phoneSearchTokens', () => {
  it('covers the ways a person types an Iranian number', () => {
    expect(phoneSearchTokens('+989121234567')).toEqual(['989121234567', '09121234567', '9121234567']);
  });
  it('foreign numbers have only the international digits', () => {
    expect(phoneSearchTokens('+442079460958')).toEqual(['442079460958']);
  });
});
