/**
 * What an .ics import answers when a file or one of its events cannot be read: the
 * sentence names the event by its place in the file.
 */
import { ApiError, invalid } from '../api/errors';
import { text, type Language } from '../api/messages';
import type { IcsError } from './ical';

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(s);
}

export function icsError(err: IcsError): ApiError {
  if (err.event === 0) return invalid('calendar.ics.malformed', [{ path: ['text'], key: 'calendar.ics.malformed', params: { detail: err.detail } }], { detail: err.detail });
  return invalid('calendar.ics.event', [{ path: ['text'], key: 'calendar.ics.event', params: { n: err.event, detail: err.detail } }], { n: err.event, detail: err.detail });
}

export function icsEventError(n: number, err: unknown, lang: Language): ApiError {
  const detail = err instanceof ApiError ? text(err.key, lang, err.params) : err instanceof Error ? err.message : String(err);
  return invalid('calendar.ics.event', [{ path: ['text'], key: 'calendar.ics.event', params: { n, detail } }], { n, detail });
}

