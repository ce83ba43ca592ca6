import { describe, expect, it } from 'vitest';
import { dialableNumber, dialUri } from '../../main/phone/dialing';

describe('a number to dial', () => {
  it('is read from Persian or Arabic digits, with spaces, dashes, brackets and dots', () => {
    expect(dialableNumber('۰۹۱۲ ۱۲۳ ۴۵۶۷')).toBe('09121234567');
    expect(dialableNumber('٠٩١٢-١٢٣-٤٥٦٧')).toBe('09121234567');
    expect(dialableNumber('(021) 8888-1234')).toBe('02188881234');
    expect(dialableNumber('+98 912 123.4567')).toBe('+989121234567');
    expect(dialableNumber('\u200E0912 123 4567\u200F')).toBe('09121234567');
  });

  it('may be an extension or a feature code', () => {
    expect(dialableNumber('201')).toBe('201');
    expect(dialableNumber('*97')).toBe('*97');
  });

  it('is refused when it has letters, no digits, a + in the middle or is too long', () => {
    for (const bad of ['', ' ', 'abc', '0912abc', '12+34', '##', '1'.repeat(33), 'sip:1@h', '<b>1</b>']) {
      expect(dialableNumber(bad), bad).toBeNull();
    }
  });

  it('becomes a SIP URI on the account’s domain', () => {
    expect(dialUri('09121234567', 'pbx.example.ir')).toBe('sip:09121234567@pbx.example.ir');
  });
});
