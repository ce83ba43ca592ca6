/**
 * Caller ID from untrusted headers (main/phone/caller-id.ts): the asserted identity wins when
 * it carries a number, Persian digits and separators are read, and hostile display names or
 * headers come out as bounded plain text without ever throwing.
 */
import { describe, expect, it } from 'vitest';
import { callerIdOf, MAX_NAME_LENGTH, numberOf, parseNameAddr, plainText } from '../../main/phone/caller-id';

describe('the caller is read', () => {
  it('from From when nothing else is sent', () => {
    expect(callerIdOf({ from: '"علی رضایی" <sip:09121234567@pbx.example.ir>;tag=abc' })).toEqual({
      number: '09121234567',
      displayName: 'علی رضایی',
      source: 'from',
      withheld: false,
    });
  });

  it('from P-Asserted-Identity first, with From’s name when the PBX sends none', () => {
    const c = callerIdOf({ from: '"Ali" <sip:201@pbx>;tag=1', pai: '<sip:+989121234567@pbx;user=phone>' });
    expect(c).toMatchObject({ number: '+989121234567', displayName: 'Ali', source: 'pai' });
  });

  it('from Remote-Party-ID when there is no asserted identity', () => {
    const c = callerIdOf({ from: '<sip:anonymous@anonymous.invalid>', rpid: '"دفتر مرکزی" <sip:02188881234@pbx>;party=calling;screen=yes' });
    expect(c).toMatchObject({ number: '02188881234', displayName: 'دفتر مرکزی', source: 'rpid', withheld: false });
  });

  it('from a tel: URI, in Persian digits, with separators and percent-encoding', () => {
    expect(callerIdOf({ from: '<sip:x@h>', pai: '<tel:+98-912-123-4567>' }).number).toBe('+989121234567');
    expect(callerIdOf({ from: '<sip:۰۹۱۲ ۱۲۳ ۴۵۶۷@h>' }).number).toBe('09121234567');
    expect(callerIdOf({ from: '<sip:%2B989121234567@h>' }).number).toBe('+989121234567');
  });

  it('falls back to From when the asserted identity carries no number or does not parse', () => {
    expect(callerIdOf({ from: '<sip:0211234567@h>', pai: '<sip:reception@h>' }).source).toBe('from');
    expect(callerIdOf({ from: '<sip:0211234567@h>', pai: '"unterminated <sip:1@h>' }).number).toBe('0211234567');
  });

  it('says a withheld number is withheld', () => {
    expect(callerIdOf({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1' })).toEqual({
      number: '',
      displayName: null,
      source: 'from',
      withheld: true,
    });
    expect(callerIdOf({ from: undefined }).withheld).toBe(true);
  });

  it('keeps a user part that is not a number (an extension name) as plain text', () => {
    expect(callerIdOf({ from: '"Dave" <sip:dave@h>' })).toMatchObject({ number: 'dave', withheld: false });
  });
});

describe('untrusted text', () => {
  it('HTML and script stay literal text (the renderer shows text, never markup)', () => {
    const c = callerIdOf({ from: '"<img src=x onerror=alert(1)><script>alert(2)</script>" <sip:1234@h>' });
    expect(c.displayName).toBe('<img src=x onerror=alert(1)><script>alert(2)</script>');
  });

  it('bidi overrides, controls and line breaks are removed; ZWNJ of Persian words stays', () => {
    expect(plainText('\u202Eexe.doc\u202C', 80)).toBe('exe.doc');
    expect(plainText('a\r\nb\u0000c\u2028d', 80)).toBe('a b c d');
    expect(plainText('می\u200Cخواهم', 80)).toBe('می\u200Cخواهم');
    expect(plainText('ab\uD800cd', 80)).toBe('abcd');
  });

  it('a huge display name is cut to a bounded length, a huge header is not read', () => {
    const name = 'ع'.repeat(100_000);
    const c = callerIdOf({ from: `"${name}" <sip:02112345678@h>` });
    expect(c.number).toBe('');
    const short = callerIdOf({ from: `"${'ب'.repeat(500)}" <sip:02112345678@h>` });
    expect([...short.displayName!].length).toBe(MAX_NAME_LENGTH);
    expect(short.number).toBe('02112345678');
  });

  it('malformed headers never throw', () => {
    for (const h of ['', '"', '<', '>', '<sip:', 'sip:', '"\\', '<tel:%>', '"a" <mailto:x@y>', '\u0000'.repeat(10), '<sip:@>', '<sip:%E0%A4%A@h>']) {
      expect(() => callerIdOf({ from: h, pai: h, rpid: h })).not.toThrow();
      expect(() => parseNameAddr(h)).not.toThrow();
    }
    expect(parseNameAddr('<sip:%E0%A4%A@h>')?.user).toBe('%E0%A4%A');
  });

  it('a number is digits with + first and * #, nothing else', () => {
    expect(numberOf('*97#')).toBe('*97#');
    expect(numberOf('0912-ABC')).toBeNull();
    expect(numberOf('++98')).toBeNull();
    expect(numberOf('#*')).toBeNull();
  });
});
