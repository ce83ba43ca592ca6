import ICAL from 'ical.js';
import type { Value } from '../../db/sync/protocol';

type Row = Record<string, Value>;

export interface FeedCalendar {
  name: string;
  appointments: (Row & { id: string })[];
  /** By appointment id. */
  exceptions: Map<string, Row[]>;
  /** Room id → name (a room's name is what the LOCATION shows). */
  rooms: Map<string, string>;
}

const utc = (ms: number) => ICAL.Time.fromJSDate(new Date(ms), true);
const date = (iso: string) => ICAL.Time.fromDateString(iso);
const text = (v: Value | undefined) => (typeof v === 'string' && v.trim() ? v : null);

/**
 * A calendar as iCalendar (RFC 5545) for subscription: every live appointment of it, series
 * with their RRULE, cancelled occurrences as EXDATE and changed ones as overrides
 * (RECURRENCE-ID). Times are written in UTC, which every calendar app reads the same way.
 * A Jalali monthly series (RSCALE=PERSIAN) is kept as X-DAFTAR-RRULE only: apps that do not
 * know RSCALE would put it on the wrong days, and the server does not expand it.
 */
export function calendarFeed(cal: FeedCalendar, now: number): string {
  const root = new ICAL.Component(['vcalendar', [], []]);
  root.addPropertyWithValue('prodid', '-//Daftar//Sync server//FA');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('method', 'PUBLISH');
  root.addPropertyWithValue('x-wr-calname', cal.name);
  for (const a of cal.appointments) {
    const exceptions = cal.exceptions.get(a.id) ?? [];
    root.addSubcomponent(event(a, cal, now, exceptions));
    for (const ex of exceptions) {
      if (ex.cancelled === 1 || typeof ex.occurrence_start !== 'number') continue;
      root.addSubcomponent(override(a, ex, cal, now));
    }
  }
  return root.toString();
}

function base(a: Row & { id: string }, now: number): ICAL.Component {
  const ev = new ICAL.Component('vevent');
  ev.addPropertyWithValue('uid', text(a.ical_uid) ?? `${a.id}@daftar`);
  ev.addPropertyWithValue('dtstamp', utc(typeof a.updated_at === 'number' ? a.updated_at : now));
  ev.addPropertyWithValue('sequence', typeof a.sequence === 'number' ? a.sequence : 0);
  return ev;
}

function when(ev: ICAL.Component, a: Row, start: number, end: number): void {
  if (a.all_day === 1 && typeof a.start_date === 'string' && typeof a.end_date === 'string') {
    ev.addPropertyWithValue('dtstart', date(a.start_date));
    // DTEND of an all-day event is the day after its last day.
    const after = date(a.end_date);
    after.adjust(1, 0, 0, 0);
    ev.addPropertyWithValue('dtend', after);
  } else {
    ev.addPropertyWithValue('dtstart', utc(start));
    ev.addPropertyWithValue('dtend', utc(end));
  }
}

function describe(ev: ICAL.Component, fields: { subject: Value; description: Value; location_kind: Value; room_id: Value; location_text: Value }, cal: FeedCalendar): void {
  ev.addPropertyWithValue('summary', text(fields.subject) ?? '');
  const description = text(fields.description);
  if (description) ev.addPropertyWithValue('description', description);
  const place = fields.location_kind === 'room' && typeof fields.room_id === 'string' ? cal.rooms.get(fields.room_id) : text(fields.location_text);
  if (place) ev.addPropertyWithValue('location', place);
}

function event(a: Row & { id: string }, cal: FeedCalendar, now: number, exceptions: Row[]): ICAL.Component {
  const ev = base(a, now);
  when(ev, a, Number(a.start_at), Number(a.end_at));
  describe(ev, a as never, cal);
  const rule = text(a.rrule);
  if (rule && /RSCALE=/i.test(rule)) {
    ev.addPropertyWithValue('x-daftar-rrule', rule);
  } else if (rule) {
    ev.addPropertyWithValue('rrule', ICAL.Recur.fromString(rule.replace(/^RRULE:/i, '')));
    for (const ex of exceptions) {
      if (ex.cancelled === 1 && typeof ex.occurrence_start === 'number') {
        ev.addPropertyWithValue('exdate', a.all_day === 1 ? date(new Date(ex.occurrence_start).toISOString().slice(0, 10)) : utc(ex.occurrence_start));
      }
    }
  }
  return ev;
}

function override(a: Row & { id: string }, ex: Row, cal: FeedCalendar, now: number): ICAL.Component {
  const ev = base(a, now);
  const original = Number(ex.occurrence_start);
  ev.addPropertyWithValue('recurrence-id', utc(original));
  const length = Number(a.end_at) - Number(a.start_at);
  const start = typeof ex.start_at === 'number' ? ex.start_at : original;
  const end = typeof ex.end_at === 'number' ? ex.end_at : start + length;
  ev.addPropertyWithValue('dtstart', utc(start));
  ev.addPropertyWithValue('dtend', utc(end));
  describe(
    ev,
    {
      subject: ex.subject ?? a.subject ?? null,
      description: ex.description ?? a.description ?? null,
      location_kind: ex.location_kind ?? a.location_kind ?? null,
      room_id: ex.room_id ?? a.room_id ?? null,
      location_text: ex.location_text ?? a.location_text ?? null,
    },
    cal,
  );
  return ev;
}
