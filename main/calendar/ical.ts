/**
 * iCalendar (RFC 5545) files with ical.js: appointments out to .ics and back in, keeping
 * every field Daftar models. Standard properties carry what other calendar apps understand
 * (SUMMARY, DTSTART with TZID, RRULE, EXDATE, RECURRENCE-ID overrides, ORGANIZER, ATTENDEE
 * with ROLE and PARTSTAT); X-DAFTAR-* properties and parameters carry the rest (room and
 * identity ids, ad-hoc phone and fax, attendance, Jalali monthly rules).
 *
 * A Jalali monthly rule (RSCALE=PERSIAN, RFC 7529) is written as X-DAFTAR-RRULE with its
 * occurrences as RDATEs, so apps that do not know RSCALE still show the right days.
 */
import ICAL from 'ical.js';
import {
  addDays,
  floating,
  formatDate,
  isZone,
  offsetAt,
  parseDate,
  startOfDay,
  toUtc as zonedToUtc,
  wallOf,
  wallOfFloating,
  type Wall,
} from '../api/zoned-time';
import type { AttendeeStatus } from './schema';

export interface IcsLocation {
  kind: 'none' | 'room' | 'customer' | 'text';
  roomId: string | null;
  /** The room's name or the typed place. */
  text: string | null;
}
export interface IcsAttendee {
  kind: 'user' | 'identity' | 'adhoc';
  /** The user's or identity's id. */
  refId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  fax: string | null;
  mandatory: boolean;
  status: AttendeeStatus;
}
export interface IcsOverride {
  /** The occurrence's original start (RECURRENCE-ID), UTC ms. */
  occurrence: number;
  start: number | null;
  end: number | null;
  subject: string | null;
  description: string | null;
  location: IcsLocation | null;
}
export interface IcsEvent {
  uid: string;
  subject: string | null;
  description: string | null;
  allDay: boolean;
  zone: string;
  /** Timed: first start and end (UTC ms). */
  start: number;
  end: number;
  /** All-day: first and last date (inclusive). */
  startDate: string | null;
  endDate: string | null;
  rrule: string | null;
  /** Occurrences removed (their original starts, UTC ms). */
  exdates: number[];
  /** Written only: every occurrence start of a Jalali rule, for apps without RSCALE. */
  rdates?: number[];
  overrides: IcsOverride[];
  location: IcsLocation;
  identity: { id: string; name: string } | null;
  coordinator: { id: string; name: string; email: string | null } | null;
  attendees: IcsAttendee[];
  sequence: number;
}

export class IcsError extends Error {
  constructor(
    /** 0: the file itself; otherwise the event's position in the file (1-based). */
    readonly event: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'IcsError';
  }
}

const PARTSTAT: Record<AttendeeStatus, string> = {
  invited: 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
  maybe: 'TENTATIVE',
  attended: 'ACCEPTED',
  absent: 'ACCEPTED',
};
const FROM_PARTSTAT: Record<string, AttendeeStatus> = {
  'NEEDS-ACTION': 'invited',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'maybe',
  DELEGATED: 'invited',
};

// ---------------------------------------------------------------- writing

export function toIcs(events: readonly IcsEvent[], calendarName: string | null, now: number): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.updatePropertyWithValue('prodid', '-//Daftar//Calendar//EN');
  cal.updatePropertyWithValue('version', '2.0');
  cal.updatePropertyWithValue('calscale', 'GREGORIAN');
  if (calendarName) cal.updatePropertyWithValue('x-wr-calname', calendarName);
  const zones = new Map<string, number>();
  for (const e of events) if (!e.allDay && !zones.has(e.zone)) zones.set(e.zone, e.start);
  for (const [zone, at] of zones) cal.addSubcomponent(vtimezone(zone, new Date(at).getUTCFullYear()));
  for (const e of events) {
    cal.addSubcomponent(vevent(e, null, now));
    for (const o of e.overrides) cal.addSubcomponent(vevent(e, o, now));
  }
  return cal.toString();
}

function vevent(e: IcsEvent, o: IcsOverride | null, now: number): ICAL.Component {
  const ev = new ICAL.Component('vevent');
  ev.addPropertyWithValue('uid', e.uid);
  addTime(ev, 'dtstamp', ICAL.Time.fromJSDate(new Date(now), true), null);
  ev.addPropertyWithValue('sequence', e.sequence);
  // All-day items have no TZID; the zone they were made in still decides their instants.
  ev.addPropertyWithValue('x-daftar-zone', e.zone);
  if (o) {
    if (e.allDay) addDate(ev, 'recurrence-id', formatDate(wallOf(o.occurrence, e.zone)));
    else addZoned(ev, 'recurrence-id', o.occurrence, e.zone);
  }
  const start = o?.start ?? (o ? o.occurrence : e.start);
  const end = o?.end ?? (o ? o.occurrence + (e.end - e.start) : e.end);
  if (e.allDay) {
    const first = o ? formatDate(wallOf(start, e.zone)) : e.startDate!;
    const days = o ? Math.max(1, Math.round((end - start) / 86_400_000)) : dayCount(e.startDate!, e.endDate!);
    addDate(ev, 'dtstart', first);
    addDate(ev, 'dtend', addDays(first, days));
  } else {
    addZoned(ev, 'dtstart', start, e.zone);
    addZoned(ev, 'dtend', end, e.zone);
  }
  const subject = o?.subject ?? e.subject;
  if (subject) ev.addPropertyWithValue('summary', subject);
  const description = o?.description ?? e.description;
  if (description) ev.addPropertyWithValue('description', description);
  addLocation(ev, o?.location ?? e.location);
  if (o) {
    if (o.subject !== null) ev.addPropertyWithValue('x-daftar-own-subject', 'TRUE');
    if (o.description !== null) ev.addPropertyWithValue('x-daftar-own-description', 'TRUE');
    if (o.location !== null) ev.addPropertyWithValue('x-daftar-own-location', 'TRUE');
  } else {
    addRule(ev, e);
  }
  if (e.identity) {
    const p = new ICAL.Property('x-daftar-identity');
    p.setParameter('cn', e.identity.name);
    p.setValue(e.identity.id);
    ev.addProperty(p);
  }
  if (e.coordinator) {
    const p = new ICAL.Property('organizer');
    p.setParameter('cn', e.coordinator.name);
    p.setParameter('x-daftar-id', e.coordinator.id);
    p.setValue(e.coordinator.email ? `mailto:${e.coordinator.email}` : `urn:uuid:${e.coordinator.id}`);
    ev.addProperty(p);
  }
  for (const a of e.attendees) ev.addProperty(attendeeProperty(a));
  return ev;
}

function addRule(ev: ICAL.Component, e: IcsEvent): void {
  if (!e.rrule) return;
  if (/RSCALE=/i.test(e.rrule)) {
    ev.addPropertyWithValue('x-daftar-rrule', e.rrule);
    for (const r of e.rdates ?? []) {
      if (e.allDay) addDate(ev, 'rdate', formatDate(wallOf(r, e.zone)));
      else addZoned(ev, 'rdate', r, e.zone);
    }
  } else {
    const p = new ICAL.Property('rrule');
    p.setValue(ICAL.Recur.fromString(e.rrule));
    ev.addProperty(p);
  }
  for (const x of e.exdates) {
    if (e.allDay) addDate(ev, 'exdate', formatDate(wallOf(x, e.zone)));
    else addZoned(ev, 'exdate', x, e.zone);
  }
}

function addLocation(ev: ICAL.Component, l: IcsLocation): void {
  if (l.kind === 'none') return;
  if (l.text) ev.addPropertyWithValue('location', l.text);
  ev.addPropertyWithValue('x-daftar-location-kind', l.kind);
  if (l.roomId) ev.addPropertyWithValue('x-daftar-room', l.roomId);
}

function attendeeProperty(a: IcsAttendee): ICAL.Property {
  const p = new ICAL.Property('attendee');
  p.setParameter('cn', a.name);
  p.setParameter('role', a.mandatory ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT');
  p.setParameter('partstat', PARTSTAT[a.status]);
  p.setParameter('x-daftar-kind', a.kind);
  if (a.refId) p.setParameter('x-daftar-id', a.refId);
  if (a.status === 'attended' || a.status === 'absent') p.setParameter('x-daftar-attendance', a.status);
  if (a.phone) p.setParameter('x-daftar-phone', a.phone);
  if (a.fax) p.setParameter('x-daftar-fax', a.fax);
  p.setValue(a.email ? `mailto:${a.email}` : a.phone ? `tel:${a.phone}` : `urn:uuid:${a.refId ?? '00000000-0000-0000-0000-000000000000'}`);
  if (!a.email) p.setParameter('x-daftar-no-email', 'TRUE');
  return p;
}

function addTime(ev: ICAL.Component, name: string, t: ICAL.Time, tzid: string | null): void {
  const p = new ICAL.Property(name);
  if (tzid) p.setParameter('tzid', tzid);
  p.setValue(t);
  ev.addProperty(p);
}

function addZoned(ev: ICAL.Component, name: string, ms: number, zone: string): void {
  const w = wallOf(ms, zone);
  addTime(ev, name, ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate: false }), zone);
}

function addDate(ev: ICAL.Component, name: string, date: string): void {
  const w = parseDate(date)!;
  addTime(ev, name, ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, isDate: true }), null);
}

function dayCount(first: string, last: string): number {
  return Math.round((floating(parseDate(last)!) - floating(parseDate(first)!)) / 86_400_000) + 1;
}

/**
 * A VTIMEZONE for `zone` as it is in `year`, from the platform's zone data: its offset
 * changes that year become yearly rules (Europe/Berlin: last Sunday of March and October);
 * a zone without changes (Asia/Tehran since 2022) is one STANDARD block.
 */
export function vtimezone(zone: string, year: number): ICAL.Component {
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', zone);
  const changes = offsetChanges(zone, year);
  const jan = offsetAt(Date.UTC(year, 0, 1), zone);
  if (changes.length === 0) {
    tz.addSubcomponent(observance('standard', { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, jan, jan, null));
    return tz;
  }
  for (const c of changes) {
    const local = wallOfFloating(c.at + c.from);
    const lastWeek = local.day + 7 > daysInMonth(local.year, local.month);
    const nth = lastWeek ? -1 : Math.ceil(local.day / 7);
    const weekday = new Date(floating(local)).getUTCDay();
    // The rule starts long before any appointment (as other generators do), so every time
    // of the zone falls after an onset.
    const onset = { ...local, year: 1970, day: nthWeekday(1970, local.month, weekday, nth) };
    const rule = `FREQ=YEARLY;BYMONTH=${local.month};BYDAY=${nth}${['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][weekday]}`;
    tz.addSubcomponent(observance(c.to > c.from ? 'daylight' : 'standard', onset, c.from, c.to, rule));
  }
  return tz;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of the month of the nth (or, with -1, the last) given weekday. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
  }
  const last = daysInMonth(year, month);
  const lastDay = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
  return last - ((lastDay - weekday + 7) % 7);
}

function observance(kind: 'standard' | 'daylight', start: Wall, from: number, to: number, rule: string | null): ICAL.Component {
  const c = new ICAL.Component(kind);
  c.addPropertyWithValue('dtstart', ICAL.Time.fromData({ ...start, isDate: false }));
  c.addPropertyWithValue('tzoffsetfrom', offsetText(from));
  c.addPropertyWithValue('tzoffsetto', offsetText(to));
  if (rule) c.addPropertyWithValue('rrule', ICAL.Recur.fromString(rule));
  return c;
}

function offsetText(ms: number): ICAL.UtcOffset {
  const sign = ms < 0 ? -1 : 1;
  const minutes = Math.abs(ms) / 60_000;
  return new ICAL.UtcOffset({ factor: sign, hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The instants in `year` at which the zone's offset changes (a daily scan, then a binary search). */
function offsetChanges(zone: string, year: number): { at: number; from: number; to: number }[] {
  const out: { at: number; from: number; to: number }[] = [];
  let t = Date.UTC(year, 0, 1);
  const stop = Date.UTC(year + 1, 0, 1);
  let prev = offsetAt(t, zone);
  while (t < stop) {
    const next = t + 86_400_000;
    const o = offsetAt(next, zone);
    if (o !== prev) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(mid, zone) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: prev, to: o });
      prev = o;
    }
    t = next;
  }
  return out;
}

// ---------------------------------------------------------------- reading

/**
 * Every event of an .ics text, overrides folded into their series. Throws IcsError (with
 * the event's position) for anything that is not a readable calendar; nothing is partial.
 * Floating times and zones this platform does not know are read in `defaultZone`.
 */
export function fromIcs(text: string, defaultZone: string): IcsEvent[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new IcsError(0, err instanceof Error ? err.message : String(err));
  }
  if (root.name !== 'vcalendar') throw new IcsError(0, 'BEGIN:VCALENDAR is missing');
  const timezones = new Map<string, ICAL.Timezone>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    if (tz.tzid) timezones.set(tz.tzid, tz);
  }
  const events = new Map<string, IcsEvent>();
  const pending: { uid: string; comp: ICAL.Component; n: number }[] = [];
  root.getAllSubcomponents('vevent').forEach((comp, i) => {
    const n = i + 1;
    const uid = String(comp.getFirstPropertyValue('uid') ?? '').trim();
    if (!uid) throw new IcsError(n, 'UID is missing');
    if (comp.hasProperty('recurrence-id')) pending.push({ uid, comp, n });
    else if (events.has(uid)) throw new IcsError(n, `UID ${uid} appears twice`);
    else events.set(uid, readEvent(comp, n, defaultZone, timezones));
  });
  for (const { uid, comp, n } of pending) {
    const series = events.get(uid);
    if (!series) throw new IcsError(n, `RECURRENCE-ID for an unknown UID ${uid}`);
    series.overrides.push(readOverride(comp, n, series, timezones));
  }
  return [...events.values()];
}

interface ReadTime {
  date: string | null;
  ms: number;
  zone: string | null;
}

function readTime(comp: ICAL.Component, name: string, n: number, defaultZone: string, tzs: Map<string, ICAL.Timezone>): ReadTime | null {
  const prop = comp.getFirstProperty(name);
  if (!prop) return null;
  return timeOf(prop, prop.getFirstValue(), n, defaultZone, tzs);
}

function timeOf(prop: ICAL.Property, value: unknown, n: number, defaultZone: string, tzs: Map<string, ICAL.Timezone>): ReadTime {
  if (!(value instanceof ICAL.Time)) throw new IcsError(n, `${prop.name.toUpperCase()} is not a date or time`);
  const t = value;
  const w: Wall = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  const back = wallOfFloating(floating(w));
  if (back.year !== w.year || back.month !== w.month || back.day !== w.day) throw new IcsError(n, `${prop.name.toUpperCase()} is not a real date`);
  if (t.isDate) return { date: formatDate(w), ms: floating(w), zone: null };
  const tzid = prop.getParameter('tzid');
  const tzName = typeof tzid === 'string' ? tzid : null;
  if (t.zone === ICAL.Timezone.utcTimezone || /Z$/.test(t.toString())) return { date: null, ms: floating(w), zone: 'UTC' };
  if (tzName && isZone(tzName)) return { date: null, ms: zonedToUtc(w, tzName), zone: tzName };
  const vtz = tzName ? tzs.get(tzName) : undefined;
  if (vtz) {
    const copy = t.clone();
    copy.zone = vtz;
    return { date: null, ms: copy.toUnixTime() * 1000, zone: null };
  }
  return { date: null, ms: zonedToUtc(w, defaultZone), zone: null };
}

function readEvent(comp: ICAL.Component, n: number, defaultZone: string, tzs: Map<string, ICAL.Timezone>): IcsEvent {
  const own = textValue(comp, 'x-daftar-zone');
  const first = readTime(comp, 'dtstart', n, defaultZone, tzs);
  if (!first) throw new IcsError(n, 'DTSTART is missing');
  const zone = own && isZone(own) ? own : first.zone && first.zone !== 'UTC' ? first.zone : defaultZone;
  // Floating times are read in the event's own zone when it names one.
  const start = readTime(comp, 'dtstart', n, zone, tzs)!;
  const endTime = readTime(comp, 'dtend', n, zone, tzs);
  const duration = comp.getFirstPropertyValue('duration');
  const allDay = start.date !== null;
  let startDate: string | null = null;
  let endDate: string | null = null;
  let startMs = start.ms;
  let endMs: number;
  if (allDay) {
    startDate = start.date;
    if (endTime?.date) endDate = addDays(endTime.date, -1);
    else if (duration instanceof ICAL.Duration) endDate = addDays(start.date!, Math.max(1, Math.round(duration.toSeconds() / 86_400)) - 1);
    else endDate = start.date;
    if (endDate! < startDate!) throw new IcsError(n, 'DTEND is before DTSTART');
    startMs = startOfDay(startDate!, zone);
    endMs = startOfDay(addDays(endDate!, 1), zone);
  } else {
    if (endTime) endMs = endTime.ms;
    else if (duration instanceof ICAL.Duration) endMs = start.ms + duration.toSeconds() * 1000;
    else endMs = start.ms;
    if (endMs < startMs) throw new IcsError(n, 'DTEND is before DTSTART');
    // An event without length (a reminder-like entry) gets no time of its own to block.
    if (endMs === startMs) endMs = startMs + 30 * 60_000;
  }
  const exdates: number[] = [];
  for (const p of comp.getAllProperties('exdate')) {
    for (const v of p.getValues()) {
      exdates.push(instant(timeOf(p, v, n, zone, tzs), zone));
    }
  }
  const ownRule = comp.getFirstPropertyValue('x-daftar-rrule');
  const rule = comp.getFirstPropertyValue('rrule');
  const rrule = typeof ownRule === 'string' && ownRule ? ownRule : rule instanceof ICAL.Recur ? rule.toString() : null;
  return {
    uid: String(comp.getFirstPropertyValue('uid')),
    subject: textValue(comp, 'summary'),
    description: textValue(comp, 'description'),
    allDay,
    zone,
    start: startMs,
    end: endMs,
    startDate,
    endDate,
    rrule,
    exdates,
    overrides: [],
    location: readLocation(comp),
    identity: readIdentity(comp),
    coordinator: readOrganizer(comp),
    attendees: comp.getAllProperties('attendee').map((p) => readAttendee(p)),
    sequence: Number(comp.getFirstPropertyValue('sequence') ?? 0) || 0,
  };
}

function readOverride(comp: ICAL.Component, n: number, series: IcsEvent, tzs: Map<string, ICAL.Timezone>): IcsOverride {
  const rid = readTime(comp, 'recurrence-id', n, series.zone, tzs)!;
  const start = readTime(comp, 'dtstart', n, series.zone, tzs);
  const end = readTime(comp, 'dtend', n, series.zone, tzs);
  const flag = (name: string) => String(comp.getFirstPropertyValue(name) ?? '').toUpperCase() === 'TRUE';
  const foreign = !comp.hasProperty('x-daftar-own-subject') && !comp.hasProperty('x-daftar-own-location') && !comp.hasProperty('x-daftar-own-description');
  const subject = textValue(comp, 'summary');
  const description = textValue(comp, 'description');
  return {
    occurrence: instant(rid, series.zone),
    start: start ? instant(start, series.zone) : null,
    end: end ? instant(end, series.zone) : null,
    // Another app's override repeats every field; keep only what differs from the series.
    subject: flag('x-daftar-own-subject') || (foreign && subject !== series.subject) ? subject : null,
    description: flag('x-daftar-own-description') || (foreign && description !== series.description) ? description : null,
    location: flag('x-daftar-own-location') || (foreign && textValue(comp, 'location') !== series.location.text) ? readLocation(comp) : null,
  };
}

/** A read time as an instant: a date is its first moment in the event's zone. */
function instant(t: ReadTime, zone: string): number {
  return t.date !== null ? startOfDay(t.date, zone) : t.ms;
}

function textValue(comp: ICAL.Component, name: string): string | null {
  const v = comp.getFirstPropertyValue(name);
  return typeof v === 'string' && v.trim() ? v : null;
}

function readLocation(comp: ICAL.Component): IcsLocation {
  const kind = String(comp.getFirstPropertyValue('x-daftar-location-kind') ?? '').toLowerCase();
  const text = textValue(comp, 'location');
  const roomId = textValue(comp, 'x-daftar-room');
  if (kind === 'room' || kind === 'customer' || kind === 'text') return { kind, roomId: kind === 'room' ? roomId : null, text };
  return text ? { kind: 'text', roomId: null, text } : { kind: 'none', roomId: null, text: null };
}

function readIdentity(comp: ICAL.Component): { id: string; name: string } | null {
  const p = comp.getFirstProperty('x-daftar-identity');
  if (!p) return null;
  const id = String(p.getFirstValue() ?? '');
  const cn = p.getParameter('cn');
  return id ? { id, name: typeof cn === 'string' ? cn : '' } : null;
}

function readOrganizer(comp: ICAL.Component): IcsEvent['coordinator'] {
  const p = comp.getFirstProperty('organizer');
  if (!p) return null;
  const id = p.getParameter('x-daftar-id');
  const cn = p.getParameter('cn');
  const value = String(p.getFirstValue() ?? '');
  return {
    id: typeof id === 'string' ? id : '',
    name: typeof cn === 'string' ? cn : value.replace(/^mailto:/i, ''),
    email: /^mailto:/i.test(value) ? value.slice(7) : null,
  };
}

function param(p: ICAL.Property, name: string): string | null {
  const v = p.getParameter(name);
  return typeof v === 'string' && v ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null;
}

function readAttendee(p: ICAL.Property): IcsAttendee {
  const value = String(p.getFirstValue() ?? '');
  const kind = (param(p, 'x-daftar-kind') ?? 'adhoc').toLowerCase();
  const email = /^mailto:/i.test(value) && !param(p, 'x-daftar-no-email') ? value.slice(7) : null;
  const attendance = param(p, 'x-daftar-attendance');
  const partstat = (param(p, 'partstat') ?? 'NEEDS-ACTION').toUpperCase();
  return {
    kind: kind === 'user' || kind === 'identity' ? kind : 'adhoc',
    refId: param(p, 'x-daftar-id'),
    name: param(p, 'cn') ?? email ?? value.replace(/^(tel|urn:uuid):/i, ''),
    phone: param(p, 'x-daftar-phone') ?? (/^tel:/i.test(value) ? value.slice(4) : null),
    email,
    fax: param(p, 'x-daftar-fax'),
    mandatory: (param(p, 'role') ?? 'REQ-PARTICIPANT').toUpperCase() !== 'OPT-PARTICIPANT',
    status: attendance === 'attended' || attendance === 'absent' ? attendance : (FROM_PARTSTAT[partstat] ?? 'invited'),
  };
}
