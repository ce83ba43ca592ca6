/**
 * A date as people type it into a date field: "۱۴۰۴/۰۲/۱۵ ۰۹:۳۰" (Persian digits in the
 * Persian interface). The backend reads either digits; this only fills fields with a
 * sensible starting value (now, in an hour, tomorrow morning).
 */
import { format } from 'date-fns-jalali';
import { localiseDigits } from './digits';
import type { Language } from './language';

export function jalaliInputText(ms: number, language: Language, withTime: boolean): string {
  return localiseDigits(format(new Date(ms), withTime ? 'yyyy/MM/dd HH:mm' : 'yyyy/MM/dd'), language);
}
