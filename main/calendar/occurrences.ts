/**
 * A series' occurrences: expanding a planned or stored series with its exceptions (refusing
 * rules that are not bounded), and the occurrence index the lists and conflict checks read,
 * rebuilt per appointment on every write and, after sync, for the rows changed behind the
 * service's back.
 */
import { invalid } from '../api/errors';
import type { MessageKey } from '../api/messages';
import { daysBetween, type Wall } from '../api/zoned-time';
import { expand, RecurrenceError, type Series } from './recurrence';
import type { AppointmentRow, ExceptionRow, OccurrenceRow } from './store';
import { applyExceptions, seriesOfRow } from './occurrence-rows';
import type { Plan } from './plan';
import { CalendarPart } from './context';

export class OccurrenceIndex extends CalendarPart {
  /** Rebuilds the occurrence index of appointments changed outside this service (sync). */
  reindexStale(): number {
    const stale = this.rows.staleIndex();
    if (stale.reindex.length === 0 && stale.drop.length === 0) return 0;
    this.store.db.transaction(() => {
      for (const id of stale.drop) this.rows.replaceOccurrences(id, []);
      for (const id of stale.reindex) this.reindex(id);
    })();
    return stale.reindex.length + stale.drop.length;
  }

  seriesOf(p: { rrule: string | null; zone: string; allDay: boolean; start: Wall; startAt: number; endAt: number; startDate: string | null; endDate: string | null }): Series {
    return {
      rrule: p.rrule,
      zone: p.zone,
      allDay: p.allDay,
      start: p.start,
      durationMs: p.endAt - p.startAt,
      days: p.allDay ? daysBetween(p.startDate!, p.endDate!) + 1 : 1,
    };
  }

  /** Every occurrence of the plan with its exceptions applied; refuses rules that are not bounded. */
  expandPlan(plan: Plan, exceptions: readonly ExceptionRow[]): OccurrenceRow[] {
    let base;
    try {
      base = expand(this.seriesOf(plan));
    } catch (err) {
      if (err instanceof RecurrenceError) {
        const key = `calendar.recurrence.${err.problem}` as MessageKey;
        throw invalid(key, [{ path: ['recurrence', err.problem === 'tooMany' ? 'count' : 'freq'], key, params: { limit: err.limit } }], { limit: err.limit });
      }
      throw err;
    }
    return applyExceptions(base, exceptions, {
      appointmentId: '',
      calendarId: plan.calendarId,
      subject: plan.subject,
      roomId: plan.location.kind === 'room' ? plan.location.roomId : null,
      locationText: plan.location.text,
      allDay: plan.allDay,
      recurring: plan.rrule !== null,
      indexedAt: 0,
    });
  }

  /** Rebuilds the occurrence index of one appointment from its rows. */
  reindex(appointmentId: string): void {
    const row = this.rows.appointment(appointmentId);
    if (!row) {
      this.rows.replaceOccurrences(appointmentId, []);
      return;
    }
    let base;
    try {
      base = expand(seriesOfRow(row));
    } catch {
      // A rule this version cannot expand (from a newer peer): keep its first occurrence visible.
      base = [{ original: row.start_at, start: row.start_at, end: row.end_at }];
    }
    this.rows.replaceOccurrences(
      appointmentId,
      applyExceptions(base, this.rows.exceptions(appointmentId), {
        appointmentId,
        calendarId: row.calendar_id,
        subject: row.subject,
        roomId: row.location_kind === 'room' ? row.room_id : null,
        locationText: row.location_text,
        allDay: row.all_day === 1,
        recurring: row.rrule !== null,
        indexedAt: row.updated_at,
      }),
    );
  }

  occursAt(row: AppointmentRow, original: number): boolean {
    if (!row.rrule) return original === row.start_at;
    try {
      return expand(seriesOfRow(row)).some((o) => o.original === original);
    } catch {
      return false;
    }
  }
}
