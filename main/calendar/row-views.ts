/**
 * Rows as the API shows them (attendees, occasions, a location as an input again), and
 * an occasion's input as its row.
 */
import type * as S from './schema';
import type { AttendeeRow, OccasionRow, OccurrenceRow } from './store';
import type { Location } from './plan';
import { toJalali } from './jalali';

/** The fields every listed occurrence shows (the week's items, today's list), times on the office's wall clock. */
export function occurrenceTimes(r: OccurrenceRow, local: (ms: number) => string) {
  return {
    appointmentId: r.appointment_id,
    occurrence: r.recurring ? r.original : null,
    subject: r.subject,
    start: r.start_at,
    end: r.end_at,
    startLocal: local(r.start_at),
    endLocal: local(r.end_at),
    allDay: r.all_day === 1,
  };
}

export function attendeeView(a: AttendeeRow): S.AttendeeView {
  return {
    id: a.id,
    kind: a.kind,
    userId: a.user_id,
    identityId: a.identity_id,
    name: a.name,
    phone: a.phone,
    email: a.email,
    fax: a.fax,
    mandatory: a.mandatory === 1,
    status: a.status,
    respondedAt: a.responded_at,
  };
}

export function occasionView(o: OccasionRow): S.OccasionView {
  return {
    id: o.id,
    year: o.year,
    date: o.date,
    jalaliDate: o.jalali_date,
    titleFa: o.title_fa,
    titleEn: o.title_en,
    dayOff: o.day_off === 1,
    kind: o.kind,
    uncertain: o.uncertain === 1,
    note: o.note,
  };
}

export function occasionValues(input: S.OccasionInputValue) {
  const j = toJalali(input.date);
  return {
    year: j.year,
    date: input.date,
    jalali_date: `${j.year}-${String(j.month).padStart(2, '0')}-${String(j.day).padStart(2, '0')}`,
    title_fa: input.titleFa,
    title_en: input.titleEn ?? null,
    day_off: input.dayOff ? 1 : 0,
    kind: input.kind,
    uncertain: 0,
    note: input.note ?? null,
  };
}

export function locationInput(r: { location_kind: Location['kind']; room_id: string | null; location_text: string | null }): S.LocationInput {
  switch (r.location_kind) {
    case 'room':
      return r.room_id ? { kind: 'room', roomId: r.room_id } : { kind: 'none' };
    case 'customer':
      return { kind: 'customer', text: r.location_text ?? undefined };
    case 'text':
      return r.location_text ? { kind: 'text', text: r.location_text } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

