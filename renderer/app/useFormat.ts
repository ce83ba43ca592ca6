/**
 * Formatting bound to the interface language, for components. The pure functions live in
 * renderer/format/; this only picks the language.
 */
import { useMemo } from 'react';
import { useLanguage } from './AppState';
import { formatDate, formatDateTime, formatLongDate, formatShortDate } from '../format/dates';
import { formatNumber, localiseDigits } from '../format/digits';
import { displayPhone } from '../format/phone';

export function useFormat() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      date: (ms: number) => formatDate(ms, language),
      dateTime: (ms: number) => formatDateTime(ms, language),
      longDate: (ms: number) => formatLongDate(ms, language),
      shortDate: (ms: number) => formatShortDate(ms, language),
      number: (n: number) => formatNumber(n, language),
      digits: (s: string) => localiseDigits(s, language),
      phone: (display: string) => displayPhone(display, language),
    }),
    [language],
  );
}
