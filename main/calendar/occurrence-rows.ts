/**
 * From an appointment row and its exceptions to the rows of the occurrence index: the
 * series as the rule expands it, then each exception moved, changed or cancelled.
 */
import type { Series } from './recurrence';
import type { AppointmentRow, ExceptionRow, OccurrenceRow } from './store';
import { daysBetween, parseDate, wallOf } from '../api/zoned-time';

export function seriesOfRow(row: AppointmentRow): Series {
  return {
    rrule: row.rrule,
    zone: row.zone,
    allDay: row.all_day === 1,
    start: row.all_day ? parseDate(row.start_date!)! : wallOf(row.start_at, row.zone),
    durationMs: row.end_at - row.start_at,
    days: row.all_day ? daysBetween(row.start_date!, row.end_date!) + 1 : 1,
  };
}

export function applyExceptions(
  base: readonly { original: number; start: number; end: number }[],
  exceptions: readonly ExceptionRow[],
  a: {
    appointmentId: string;
    calendarId: string;
    subject: string;
    roomId: string | null;
    locationText: string | null;
    allDay: boolean;
    recurring: boolean;
    indexedAt: number;
  },
): OccurrenceRow[] {
  const byOriginal = new Map(exceptions.map((e) => [e.occurrence_start, e]));
  const out: OccurrenceRow[] = [];
  for (const o of base) {
    const e = byOriginal.get(o.original);
    if (e?.cancelled) continue;
    const located = e?.location_kind != null;
    out.push({
      appointment_id: a.appointmentId,
      original: o.original,
      calendar_id: a.calendarId,
      start_at: e?.start_at ?? o.start,
      end_at: e?.end_at ?? o.end,
      room_id: located ? (e!.location_kind === 'room' ? e!.room_id : null) : a.roomId,
      subject: e?.subject ?? a.subject,
      location_text: located ? e!.location_text : a.locationText,
      changed: e ? 1 : 0,
      all_day: a.allDay ? 1 : 0,
      recurring: a.recurring ? 1 : 0,
      indexed_at: a.indexedAt,
    });
  }
  return out;
}

