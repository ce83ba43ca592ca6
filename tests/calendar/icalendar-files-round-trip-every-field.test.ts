import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../main/calendar/schema';
import { calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-ical');
});
afterAll(() => f.close());

/** Everything we model, without what a new row necessarily changes (ids, update times, who may edit). */
function comparable(a: Appointment) {
  return {
    calendarId: a.calendarId,
    subject: a.subject,
    description: a.description,
    coordinator: a.coordinator,
    allDay: a.allDay,
    start: a.start,
    end: a.end,
    startLocal: a.startLocal,
    endLocal: a.endLocal,
    startDate: a.startDate,
    endDate: a.endDate,
    zone: a.zone,
    location: a.location,
    identity: a.identity,
    rrule: a.rrule,
    recurrence: a.recurrence,
    sequence: a.sequence,
    attendees: a.attendees.map(({ id: _id, respondedAt: _r, ...rest }) => rest),
    exceptions: a.exceptions,
  };
}

const withoutStamps = (ics: string) => ics.replace(/^DTSTAMP:.*$/gm, '');

describe('export and import', () => {
  let originals: Appointment[] = [];
  let exported = '';

  it('writes series, exceptions, all-day items, Jalali rules, rooms, identities and every kind of attendee', () => {
    const ceo = f.user('مدیرعامل', 'staff');
    const customer = f.identity('کریمی', '09121234567');
    const weekly = f.svc.create(
      f.input({
        calendarId: f.officeCalendarId,
        subject: 'جلسهٔ هفتگی فروش',
        description: 'دستور جلسه:\n۱. گزارش فروش، ۲. برنامه; بودجه',
        start: '2025-04-20T10:00',
        end: '2025-04-20T11:30',
        location: { kind: 'room', roomId: f.roomId },
        identityId: customer,
        attendees: [
          { kind: 'user', userId: ceo.userId!, mandatory: true },
          { kind: 'identity', identityId: customer, mandatory: false },
          { kind: 'adhoc', name: 'مهندس نادری', phone: '09351112233', email: 'naderi@example.com', fax: '02188776655', mandatory: true },
          { kind: 'adhoc', name: 'خانم صالحی', phone: '09127778899', mandatory: false },
        ],
        recurrence: { freq: 'weekly', weekdays: ['SU', 'TU'], count: 6 },
      }),
      f.manager,
    );
    const occ = f.svc.list({ from: '2025-04-20', to: '2025-05-04' }, f.manager).occurrences.filter((o) => o.appointmentId === weekly.id);
    f.svc.update(
      {
        ...f.input({
          calendarId: f.officeCalendarId,
          subject: 'جلسهٔ فروش (جابه‌جا)',
          start: '2025-04-22T15:00',
          end: '2025-04-22T16:00',
          location: { kind: 'text', text: 'دفتر مشتری' },
        }),
        id: weekly.id,
        scope: 'occurrence',
        occurrence: occ[1]!.occurrence!,
      },
      f.manager,
    );
    f.svc.cancel({ id: weekly.id, scope: 'occurrence', occurrence: occ[2]!.occurrence!, notify: [] }, f.manager);
    f.svc.respond({ appointmentId: weekly.id, status: 'accepted' }, ceo);
    const view = f.svc.get(weekly.id, f.manager);
    f.svc.respond({ appointmentId: weekly.id, attendeeId: view.attendees[1]!.id, status: 'maybe' }, f.manager);
    f.svc.attendance({ appointmentId: weekly.id, attendeeId: view.attendees[2]!.id, status: 'attended' }, f.manager);
    f.svc.attendance({ appointmentId: weekly.id, attendeeId: view.attendees[3]!.id, status: 'absent' }, f.manager);

    const allDay = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'نمایشگاه', allDay: true, startDate: '2025-05-10', endDate: '2025-05-12', location: { kind: 'customer', text: 'نمایشگاه بین‌المللی' }, identityId: customer }),
      f.manager,
    );
    const jalali = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'گزارش ماهانه', start: '2025-02-18T09:00', end: '2025-02-18T09:30', recurrence: { freq: 'monthly', count: 4 } }),
      f.manager,
    );
    const berlin = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'Call with Berlin', zone: 'Europe/Berlin', start: '2025-03-20T10:00', end: '2025-03-20T10:30', recurrence: { freq: 'weekly', weekdays: ['TH'], count: 3 } }),
      f.manager,
    );
    originals = [weekly.id, allDay.id, jalali.id, berlin.id].map((id) => f.svc.get(id, f.manager));
    const out = f.svc.exportIcs({ calendarId: f.officeCalendarId }, f.manager);
    exported = out.text;
    // Long lines are folded at 75 octets; the checks read the unfolded text.
    const text = exported.replace(/\r\n /g, '');
    expect(out.count).toBe(4);
    expect(out.filename).toBe('تقویم دفتر.ics');
    expect(text).toContain('DTSTART;TZID=Asia/Tehran:20250420T100000');
    expect(text).toContain('DTSTART;VALUE=DATE:20250510');
    expect(text).toContain('DTEND;VALUE=DATE:20250513');
    expect(text).toContain('RECURRENCE-ID;TZID=Asia/Tehran:20250422T100000');
    expect(text).toContain('EXDATE;TZID=Asia/Tehran:20250427T100000');
    expect(text).toContain('X-DAFTAR-RRULE:RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD;COUNT=4');
    // Apps without RSCALE see the four real days: 1403/11/30, 1403/12/30, 1404/1/30, 1404/2/30.
    expect(text.match(/^RDATE;TZID=Asia\/Tehran:(\d+)T/gm)?.map((l) => l.slice(-9, -1))).toEqual(['20250218', '20250320', '20250419', '20250520']);
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
    expect(text).toContain('DTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(text).toContain('DTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(text).toContain(
      'ATTENDEE;CN=مهندس نادری;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;X-DAFTAR-KIND=adhoc;X-DAFTAR-ATTENDANCE=attended;X-DAFTAR-PHONE=09351112233;X-DAFTAR-FAX=02188776655:mailto:naderi@example.com',
    );
  });

  it('reads the file back into the same appointments, field for field', () => {
    for (const a of originals) f.svc.cancel({ id: a.id, scope: 'series', notify: [] }, f.manager);
    expect(f.svc.list({ from: '2025-04-19', to: '2025-05-19' }, f.manager).occurrences).toEqual([]);
    const result = f.svc.importIcs({ calendarId: f.officeCalendarId, text: exported }, f.manager);
    expect(result).toEqual({ imported: 4, skipped: 0, bounded: 0 });
    const imported = f.svc.cartable({ role: 'all', limit: 50 }, f.manager).items;
    for (const original of originals) {
      const copy = imported.find((i) => i.subject === original.subject);
      expect(copy, original.subject).toBeDefined();
      expect(comparable(f.svc.get(copy!.appointmentId, f.manager))).toEqual(comparable(original));
    }
    // Exported again, the file is the same but for its time stamps.
    expect(withoutStamps(f.svc.exportIcs({ calendarId: f.officeCalendarId }, f.manager).text)).toBe(withoutStamps(exported));
  });

  it('skips events already here on a second import', () => {
    expect(f.svc.importIcs({ calendarId: f.officeCalendarId, text: exported }, f.manager)).toEqual({ imported: 0, skipped: 4, bounded: 0 });
  });

  it('reads times in a zone another app named its own way through the file’s VTIMEZONE', () => {
    const berlin = originals[3]!;
    const outlook = exported
      .replace(/X-DAFTAR-ZONE:Europe\/Berlin\r\n/g, '')
      .replace(/Europe\/Berlin/g, 'W. Europe Standard Time')
      .replace(/UID:[^\r]*/g, (m) => `${m}-outlook`);
    f.svc.importIcs({ calendarId: f.officeCalendarId, text: outlook }, f.manager);
    const copies = f.svc.cartable({ role: 'all', limit: 50 }, f.manager).items.filter((i) => i.subject === berlin.subject);
    const outlookCopy = copies.map((c) => f.svc.get(c.appointmentId, f.manager)).find((a) => a.zone !== 'Europe/Berlin')!;
    expect(outlookCopy.start).toBe(berlin.start);
    const occ = (id: string) => f.svc.list({ from: '2025-03-20', to: '2025-04-05' }, f.manager).occurrences.filter((o) => o.appointmentId === id).map((o) => o.start);
    // In the office's zone (no DST) the weekly rule keeps 12:30 Tehran; the Berlin original keeps 10:00 Berlin.
    expect(occ(outlookCopy.id)).toHaveLength(3);
    expect(occ(copies.find((c) => c.appointmentId !== outlookCopy.id)!.appointmentId).map((ms) => new Date(ms).toISOString())).toEqual([
      '2025-03-20T09:00:00.000Z',
      '2025-03-27T09:00:00.000Z',
      '2025-04-03T08:00:00.000Z',
    ]);
  });

  it('bounds a rule another app left open, and says so', () => {
    const file = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//other//EN',
      'BEGIN:VEVENT',
      'UID:open-ended@example.com',
      'DTSTAMP:20250401T000000Z',
      'DTSTART;TZID=Asia/Tehran:20250419T080000',
      'DURATION:PT45M',
      'RRULE:FREQ=WEEKLY;BYDAY=SA',
      'SUMMARY:Standup',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(f.svc.importIcs({ calendarId: f.officeCalendarId, text: file }, f.manager)).toEqual({ imported: 1, skipped: 0, bounded: 1 });
    const item = f.svc.list({ from: '2025-04-19', to: '2025-04-19' }, f.manager).occurrences.find((i) => i.subject === 'Standup')!;
    const a = f.svc.get(item.appointmentId, f.manager);
    expect(a.rrule).toContain('COUNT=1000');
    expect(a.end - a.start).toBe(45 * 60_000);
  });
});
