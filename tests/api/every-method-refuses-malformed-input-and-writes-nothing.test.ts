import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../main/contract';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, ok, snapshot, startBackend, type TestBackend } from './backend-fixture';

// Started before the tests are collected: the list of methods is the backend's router.
const t: TestBackend = await startBackend('malformed');
/** Every method of every capability, as the backend registered them. */
const METHOD_NAMES = t.backend.router.names() as MethodName[];
let identityId = '';
let organisationId = '';
let calendarId = '';
const HUGE = 'ب'.repeat(100_000);

beforeAll(async () => {
  identityId = (await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'موجود', phones: [{ kind: 'mobile', number: '09121234567' }] })).id;
  organisationId = (await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'سازمان موجود' })).id;
  calendarId = (await ok(t.backend, 'calendar.calendars.list', {})).find((c) => c.kind === 'regular')!.id;
});
// session.lock and session.signOut are valid with an empty input: sign back in after them.
afterEach(() => {
  const session = t.backend.service<SessionService>('session');
  if (session.session().state !== 'signed-in') session.signIn('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

/** Methods whose input is an empty object: undefined, null and {} are fine, anything else is not. */
const EMPTY_INPUT: MethodName[] = [
  'app.info',
  'settings.get',
  'dashboard.summary',
  'session.get',
  'session.lock',
  'session.signOut',
  'organisation.get',
  'storage.status',
  'storage.backups',
  'storage.backup',
  'storage.export',
  'inbox.unread',
  'reminders.active',
  'reminders.preferences',
  'followups.agenda',
  'sync.status',
  'sync.now',
  'sync.signOut',
  'sync.refusals',
  'sync.conflicts',
  'sync.feeds.list',
  'phone.status',
  'phone.account.get',
  'phone.calls.seen',
  'phone.screenPop.get',
  'calendar.calendars.list',
  'calendar.preferences.get',
  'calendar.today',
  'calendar.settings.get',
  'calendar.templates.list',
];

/** Methods whose every field is optional: nothing at all is a valid input (their defaults). */
const OPTIONAL_ONLY: MethodName[] = [
  'identities.list',
  'storage.check',
  'storage.restore',
  'settings.update',
  'phone.calls.list',
  'calendar.preferences.update',
  'calendar.cartable',
  'calendar.settings.update',
  'calendar.ics.export',
  'inbox.list',
  'reminders.list',
  'tasks.announcements',
];

const NOT_OBJECTS: unknown[] = [42, 'text', '', [], [{ id: 'x' }], true, 0, -1, Number.NaN];

const person = { kind: 'person', firstName: 'درست' };
const phone = { kind: 'mobile', number: '09121234567' };

/** Objects of the right general shape with wrong field types, missing fields, huge strings or nulls. */
function wrongObjects(m: MethodName): unknown[] {
  const validId = () => identityId;
  const item = { kind: 'identity', id: identityId };
  switch (m) {
    case 'app.info':
    case 'settings.get':
    case 'dashboard.summary':
    case 'session.get':
    case 'session.lock':
    case 'session.signOut':
    case 'organisation.get':
    case 'storage.status':
    case 'storage.backups':
    case 'storage.backup':
    case 'storage.export':
    case 'inbox.unread':
    case 'reminders.active':
    case 'reminders.preferences':
    case 'followups.agenda':
    case 'sync.status':
    case 'sync.now':
    case 'sync.signOut':
    case 'sync.refusals':
    case 'sync.conflicts':
    case 'phone.status':
    case 'phone.account.get':
    case 'phone.calls.seen':
    case 'phone.screenPop.get':
    case 'calendar.calendars.list':
    case 'calendar.preferences.get':
    case 'calendar.today':
    case 'calendar.settings.get':
    case 'calendar.templates.list':
      return [{ extra: 1 }, { limit: 5 }, { __proto__: { polluted: true }, x: HUGE }];
    case 'sync.signIn': {
      const ok = { server: 'https://sync.example.ir', username: 'sara', password: 'secret-123' };
      return [
        {},
        { ...ok, server: 'ftp://sync.example.ir' },
        { ...ok, server: 'not an address' },
        { ...ok, server: 'https://user:pass@sync.example.ir' },
        { ...ok, server: `https://${HUGE}` },
        { ...ok, server: null },
        { ...ok, username: '' },
        { ...ok, username: 5 },
        { ...ok, username: HUGE },
        { ...ok, password: '' },
        { ...ok, password: null },
      ];
    }
    case 'sync.feeds.list':
      return [{ extra: 1 }, { calendarId: validId() }, { __proto__: { polluted: true }, x: HUGE }];
    case 'sync.feeds.create':
      return [{}, { calendarId: 'nope' }, { calendarId: null }, { calendarId: 5 }, { calendar: validId() }];
    case 'sync.feeds.revoke':
      return [{}, { id: 'nope' }, { id: null }, { id: HUGE }, { feedId: validId() }];
    case 'sync.resolveConflict':
      return [{}, { id: 'nope' }, { id: null }, { id: validId(), note: HUGE }, { id: validId(), note: 5 }, { conflictId: validId() }];
    case 'settings.update':
      return [
        { language: 'de' },
        { language: 5 },
        { language: null },
        { defaultAreaCode: '0' },
        { defaultAreaCode: 'abc' },
        { defaultAreaCode: 21 },
        { defaultAreaCode: HUGE },
        { language: 'fa', defaultAreaCode: '02100' },
        { lockAfterMinutes: -1 },
        { lockAfterMinutes: 1.5 },
        { lockAfterMinutes: '10' },
        { lockAfterMinutes: 10_000 },
      ];
    case 'session.signIn':
      return [
        {},
        { username: 'admin' },
        { username: 'admin', password: '' },
        { username: '', password: 'x' },
        { username: HUGE, password: 'x' },
        { username: 5, password: 'x' },
        { username: 'admin', password: HUGE },
        { userId: validId() },
      ];
    case 'session.setUp':
      return [{}, { password: 'short' }, { password: 5 }, { password: null }, { password: HUGE }];
    case 'session.unlock':
      return [{}, { password: '' }, { password: 5 }, { password: null }, { password: HUGE }];
    case 'session.changePassword':
      return [{}, { current: 'x' }, { current: 'x', next: 'short' }, { current: '', next: 'long enough now' }, { current: 5, next: HUGE }];
    case 'session.setPassword':
      return [{}, { userId: 'nope', password: 'long enough' }, { userId: validId(), password: 'short' }, { userId: validId(), password: null }];
    case 'storage.check':
      return [{ kind: 'deep' }, { kind: 5 }, { kind: null }];
    case 'storage.restore':
      return [{ name: '../daftar.sqlite' }, { name: 5 }, { name: null }, { name: HUGE }, { name: 'daftar-x-daily.sqlite' }];
    case 'organisation.createUser':
      return [
        {},
        { username: 'a', displayName: 'کوتاه' },
        { username: 'علی', displayName: 'فارسی' },
        { username: 'ok.user', displayName: HUGE },
        { username: HUGE, displayName: 'x' },
        { username: 'ok.user', displayName: 'x', roleIds: 'abc' },
        { username: 'ok.user', displayName: 'x', roleIds: ['not-a-uuid'] },
        { username: 'ok.user', displayName: 'x', email: 'not-an-email' },
        { username: 'ok.user', displayName: 'x', extension: '12a' },
        { username: null, displayName: 'x' },
        { username: 'ok.user', displayName: null },
        { username: 'ok.user', displayName: '   ' },
      ];
    case 'organisation.createGroup':
      return [
        {},
        { name: 'x', kind: 'team' },
        { name: HUGE, kind: 'group' },
        { name: 'x', kind: 'group', memberIds: [1] },
        { name: 'x', kind: 'group', memberIds: 'all' },
        { name: 'x', kind: 'group', parentId: 'root' },
        { name: null, kind: 'group' },
        { name: '', kind: 'department' },
      ];
    case 'organisation.createPosition':
      return [{}, { title: '' }, { title: '  ' }, { title: 5 }, { title: HUGE }, { title: null }, { name: 'منشی' }];
    case 'organisation.createRole':
      return [
        {},
        { name: 'x', permissions: ['root'] },
        { name: 'x', permissions: 'identities.read' },
        { name: HUGE, permissions: [] },
        { name: 'x', permissions: null },
        { name: null, permissions: [] },
        // More names than the schema takes (duplicates are merged, but not beyond the limit).
        { name: 'x', permissions: [...Array(201).keys()].map(() => 'identities.read') },
        // Well formed, but no capability declares it.
        { name: 'x', permissions: ['identities.read', 'identities.drop'] },
      ];
    case 'organisation.createRoom':
      return [
        {},
        { name: 'x', capacity: 0 },
        { name: 'x', capacity: 1.5 },
        { name: 'x', capacity: '10' },
        { name: 'x', capacity: 1e9 },
        { name: HUGE },
        { name: 'x', location: HUGE },
        { name: null },
      ];
    case 'organisation.updateRoom':
      return [
        {},
        { name: 'x' },
        { id: 'nope', name: 'x' },
        { id: validId(), name: '' },
        { id: validId(), name: 'x', capacity: 0 },
        { id: validId(), name: 'x', equipment: 'projector' },
        { id: validId(), name: 'x', equipment: [HUGE] },
        { id: validId(), name: 'x', equipment: Array.from({ length: 31 }, (_, i) => `e${i}`) },
      ];
    case 'organisation.deleteRoom':
    case 'calendar.appointments.get':
    case 'calendar.appointments.open':
    case 'calendar.occasions.delete':
      return [{}, { id: 'nope' }, { id: null }, { id: 5 }, { id: HUGE }, { roomId: validId() }];
    case 'calendar.calendars.create':
    case 'calendar.calendars.update': {
      const cal = { ...(m === 'calendar.calendars.update' ? { id: validId() } : {}), name: 'تقویم', colour: '#1e88e5' };
      return [
        {},
        { ...cal, colour: 'blue' },
        { ...cal, name: '' },
        { ...cal, name: HUGE },
        { ...cal, defaultAccess: 'all' },
        { ...cal, ownerId: 'nope' },
        { ...cal, access: [{ userId: 'nope', access: 'read' }] },
        { ...cal, access: [{ userId: validId(), groupId: validId(), access: 'read' }] },
        { ...cal, access: [{ userId: validId(), access: 'write' }] },
        { ...cal, access: 'everyone' },
        ...(m === 'calendar.calendars.update' ? [{ name: 'x', colour: '#1e88e5' }] : []),
      ];
    }
    case 'calendar.preferences.update':
      return [{ view: 'year' }, { hours: 'some' }, { shownCalendarIds: ['nope'] }, { shownCalendarIds: 'all' }, { view: HUGE }];
    case 'calendar.appointments.list':
      return [
        {},
        { from: '2025-04-19' },
        { from: '2025-04-19', to: '2025-04-18' },
        { from: '2025-04-19', to: '2025-09-19' },
        { from: '1404/01/30', to: '1404/02/05' },
        { from: '2025-02-30', to: '2025-03-01' },
        { from: '2025-04-19', to: '2025-04-25', userIds: ['nope'] },
        { from: '2025-04-19', to: '2025-04-25', roomIds: 'all' },
        { from: '2025-04-19', to: '2025-04-25', location: HUGE },
      ];
    case 'calendar.appointments.check':
    case 'calendar.appointments.create':
    case 'calendar.appointments.update': {
      const appt = {
        ...(m === 'calendar.appointments.update' ? { id: validId() } : {}),
        calendarId,
        subject: 'جلسه',
        start: '2025-04-19T10:00',
        end: '2025-04-19T11:00',
      };
      return [
        {},
        { ...appt, end: '2025-04-19T09:00' },
        { ...appt, recurrence: { freq: 'daily', count: 100_000 } },
        { ...appt, recurrence: { freq: 'weekly', weekdays: ['SA'] } },
        { ...appt, recurrence: { freq: 'weekly', weekdays: ['XX'], count: 3 } },
        { ...appt, start: '2025-04-19 10:00' },
        { ...appt, start: '2025-02-30T10:00' },
        { ...appt, zone: 'Mars/Olympus' },
        { ...appt, attendees: [{ kind: 'robot' }] },
        { ...appt, attendees: [{ kind: 'adhoc', name: '' }] },
        { ...appt, attendees: [{ kind: 'adhoc', name: 'x', email: 'not-mail' }] },
        { ...appt, location: { kind: 'room' } },
        { ...appt, subject: HUGE },
        { ...appt, allDay: true },
        { ...appt, notify: ['pigeon'] },
        // An unknown calendar (the id of an identity): refused as input, before anything else.
        ...(m !== 'calendar.appointments.update' ? [{ ...appt, calendarId: validId() }] : []),
        ...(m === 'calendar.appointments.update' ? [{ ...appt, scope: 'occurrence' }, { ...appt, id: 'nope' }] : []),
      ];
    }
    case 'calendar.appointments.move':
      return [
        {},
        { id: 'nope', start: '2025-04-19T10:00', end: '2025-04-19T11:00' },
        { id: validId(), start: '2025-04-19T11:00', end: '2025-04-19T10:00' },
        { id: validId(), scope: 'occurrence', start: '2025-04-19T10:00', end: '2025-04-19T11:00' },
        { id: validId() },
        { id: validId(), allDay: true, startDate: '2025-04-20', endDate: '2025-04-19' },
      ];
    case 'calendar.appointments.cancel':
      return [{}, { id: 'nope' }, { id: validId(), scope: 'occurrence' }, { id: validId(), scope: 'all' }, { id: validId(), notify: ['fax'] }];
    case 'calendar.appointments.respond':
      return [
        {},
        { appointmentId: validId(), status: 'yes' },
        { appointmentId: 'nope', status: 'accepted' },
        { appointmentId: validId(), status: 'attended' },
        { appointmentId: validId(), attendeeId: 'me', status: 'accepted' },
      ];
    case 'calendar.appointments.attendance':
      return [{}, { appointmentId: validId(), attendeeId: validId(), status: 'accepted' }, { appointmentId: validId(), status: 'attended' }];
    case 'calendar.availability':
      return [
        {},
        { start: '2025-04-19T10:00' },
        { start: '2025-04-19T11:00', end: '2025-04-19T10:00' },
        { start: '2025-04-19T10:00', end: '2025-04-19T11:00', roomIds: ['nope'] },
        { start: '2025-04-19T10:00', end: '2025-04-19T11:00', zone: 'Nowhere/City' },
        { start: 'tomorrow', end: 'tomorrow evening' },
        { start: '2025-04-19T10:00', end: '2025-04-19T11:00', roomIds: [validId()] },
      ];
    case 'calendar.cartable':
      return [{ role: 'boss' }, { status: 'happy' }, { limit: 0 }, { from: '2025-05-01', to: '2025-04-01' }, { after: { start: 'x', id: validId() } }];
    case 'calendar.occasions.list':
      return [{}, { year: 99999 }, { year: '1404' }, { year: 1404.5 }];
    case 'calendar.occasions.create':
    case 'calendar.occasions.update': {
      const occ = { ...(m === 'calendar.occasions.update' ? { id: validId() } : {}), date: '2025-04-01', titleFa: 'مناسبت' };
      return [
        {},
        { ...occ, date: '2025-02-30' },
        { ...occ, titleFa: '' },
        { ...occ, titleFa: HUGE },
        { ...occ, kind: 'party' },
        { ...occ, dayOff: 'yes' },
        ...(m === 'calendar.occasions.update' ? [{ date: '2025-04-01', titleFa: 'x' }] : []),
      ];
    }
    case 'calendar.settings.update':
      return [{ weekendDays: [7] }, { weekendDays: [0, 1, 2, 3, 4, 5, 6] }, { workStart: '8:00' }, { workStart: '17:00', workEnd: '08:00' }, { zone: 'Nope/Nope' }];
    case 'calendar.templates.update':
    case 'calendar.templates.preview':
      return [
        {},
        { event: 'created', channel: 'fax', body: 'x' },
        { event: 'created', channel: 'sms', body: '' },
        { event: 'created', channel: 'sms', body: '{attendee} {sbject}' },
        { event: 'born', channel: 'sms', body: 'x' },
        { event: 'created', channel: 'email', subject: HUGE, body: 'x' },
      ];
    case 'calendar.templates.reset':
      return [{}, { event: 'created' }, { event: 'created', channel: 'pigeon' }];
    case 'calendar.ics.export':
      return [{ calendarId: 'nope' }, { from: '2025-05-01', to: '2025-04-01' }, { from: 'yesterday' }];
    case 'calendar.ics.import':
      return [
        {},
        { calendarId },
        { calendarId, text: '' },
        { calendarId, text: 'garbage' },
        { calendarId, text: HUGE },
        { calendarId, text: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' },
        { calendarId: 'nope', text: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' },
      ];
    case 'identities.create':
      return [
        {},
        { kind: 'robot', firstName: 'x' },
        { ...person, firstName: 5 },
        { ...person, firstName: HUGE },
        { ...person, notes: HUGE },
        { ...person, phones: null },
        { ...person, phones: [{ kind: 'mobile' }] },
        { ...person, phones: [{ kind: 'satellite', number: '09121234567' }] },
        { ...person, phones: [{ ...phone, number: HUGE }] },
        { ...person, phones: Array.from({ length: 21 }, () => phone) },
        { ...person, emails: [{ kind: 'work', address: 'nope' }] },
        { ...person, emails: 'a@b.c' },
        { ...person, addresses: [{ kind: 'home', line: '' }] },
        { ...person, tags: [5] },
        { ...person, tags: [HUGE] },
        { ...person, organisationId: 'not-a-uuid' },
        { ...person, firstName: null },
        { kind: 'person', firstName: null, lastName: null },
        { kind: 'organisation' },
        { kind: null, firstName: 'x' },
      ];
    case 'identities.update':
      return [
        {},
        { ...person },
        { ...person, id: 'not-a-uuid' },
        { ...person, id: null },
        { ...person, id: validId(), firstName: HUGE },
        { ...person, id: validId(), phones: [{ ...phone, id: 'made-up' }] },
        { ...person, id: validId(), phones: null },
        { ...person, id: validId(), firstName: '', lastName: '' },
        { ...person, id: validId(), kind: 5 },
        { ...person, id: validId(), organisationId: organisationId.toUpperCase().replace(/-/g, '') },
      ];
    case 'identities.delete':
    case 'identities.get':
      return [{}, { id: 5 }, { id: 'nope' }, { id: null }, { id: HUGE }, { id: [validId()] }, { identityId: validId() }];
    case 'identities.list':
      return [
        { limit: 0 },
        { limit: 201 },
        { limit: 1.5 },
        { limit: '10' },
        { limit: null },
        { query: HUGE },
        { query: 5 },
        { query: null },
        { kind: 'robot' },
        { tag: HUGE },
        { after: { sortKey: 'a', id: 'nope' } },
        { after: 'abc' },
        { after: { sortKey: HUGE, id: validId() } },
      ];
    case 'identities.lookupPhone':
      return [{}, { number: '' }, { number: '   ' }, { number: 5 }, { number: HUGE }, { number: null }, { phone: '0912' }];
    case 'identities.phoneOwners':
      return [
        {},
        { numbers: [] },
        { numbers: '09121234567' },
        { numbers: [''] },
        { numbers: [5] },
        { numbers: [HUGE] },
        { numbers: Array.from({ length: 21 }, () => '09121234567') },
        { numbers: ['09121234567'], exceptId: 'nope' },
        { number: '09121234567' },
      ];
    case 'history.timeline':
      return [
        {},
        { identityId: 'nope' },
        { identityId: null },
        // Kinds are open (each capability brings its own) but must look like a kind.
        { identityId: validId(), kinds: ['Call'] },
        { identityId: validId(), kinds: ['note.x'] },
        { identityId: validId(), kinds: [''] },
        { identityId: validId(), kinds: [5] },
        { identityId: validId(), kinds: Array.from({ length: 31 }, () => 'note') },
        { identityId: validId(), kinds: 'note' },
        { identityId: validId(), limit: 0 },
        { identityId: validId(), limit: 1000 },
        { identityId: validId(), before: { at: -1, key: 'x' } },
        { identityId: validId(), before: { at: 1, key: HUGE } },
        { identityId: validId(), before: 'yesterday' },
      ];
    case 'inbox.list':
      return [{ limit: 0 }, { limit: 101 }, { before: 'nope' }, { unreadOnly: 'yes' }, { before: validId(), extra: HUGE, limit: -1 }];
    case 'inbox.markRead':
      return [{}, { ids: [] }, { ids: ['nope'] }, { ids: validId() }, { all: false }, { all: true, ids: [validId()] }, { ids: Array.from({ length: 501 }, validId) }];
    case 'reminders.create':
      return [
        {},
        { item, at: '1404/12/30 10:00' },
        { item, at: '1404/02/15' },
        { item, at: HUGE },
        { item: { kind: 'Task', id: validId() }, at: '1404/02/15 10:00' },
        { item: { kind: 'task', id: 'nope' }, at: '1404/02/15 10:00' },
        { item, at: '1404/02/15 10:00', note: HUGE },
        { item: null, at: '1404/02/15 10:00' },
      ];
    case 'reminders.snooze':
      return [{}, { id: validId() }, { id: validId(), minutes: 0 }, { id: validId(), minutes: 1.5 }, { id: validId(), minutes: 5, until: '1404/02/15 10:00' }, { id: validId(), until: '1404/07/31 10:00' }, { id: 'nope', minutes: 5 }];
    case 'reminders.dismiss':
    case 'reminders.remove':
    case 'tasks.open':
    case 'tasks.cancel':
    case 'tasks.announcement':
      return [{}, { id: 5 }, { id: 'nope' }, { id: null }, { id: HUGE }, { id: [validId()] }];
    case 'reminders.list':
      return [{ item: {} }, { item: { kind: 'task' } }, { item: { kind: HUGE, id: validId() } }, { item: 'task' }];
    case 'reminders.presence':
      return [{}, { windowId: 'short', visible: true, focused: true }, { windowId: 'window-aaaa-1', visible: 'yes', focused: true }, { windowId: HUGE, visible: true, focused: false }];
    case 'reminders.setPreferences':
      return [{}, { sound: 'on' }, { sound: null }, { sound: true, volume: 11 }];
    case 'tasks.create':
      return [
        {},
        { subject: 'کار', assignees: [] },
        { subject: '', assignees: [{ userId: validId() }] },
        { subject: HUGE, assignees: [{ userId: validId() }] },
        { subject: 'کار', assignees: [{ userId: validId(), groupId: validId() }] },
        { subject: 'کار', assignees: [{}] },
        { subject: 'کار', assignees: [{ userId: validId() }], deadline: '1404/12/30' },
        { subject: 'کار', assignees: [{ userId: validId() }], priority: 'asap' },
        { subject: 'کار', assignees: [{ userId: validId() }], identityId: 'nope' },
        { subject: 'کار', assignees: [{ userId: validId() }], item: { kind: 'task' } },
      ];
    case 'tasks.refer':
      return [
        {},
        { taskId: validId(), recipients: [] },
        { taskId: validId(), recipients: [{ userId: validId() }] },
        { taskId: validId(), recipients: [{ userId: validId(), mode: 'bcc' }] },
        { taskId: validId(), recipients: [{ mode: 'copy' }] },
        { taskId: validId(), recipients: [{ userId: validId(), mode: 'original' }], deadline: '1404/07/31' },
        { taskId: 'nope', recipients: [{ userId: validId(), mode: 'original' }] },
        { taskId: validId(), recipients: [{ userId: validId(), mode: 'original' }], instruction: HUGE },
      ];
    case 'tasks.setStatus':
      return [{}, { assignmentId: validId(), status: 'referred' }, { assignmentId: validId(), status: 'cancelled' }, { assignmentId: 'nope', status: 'done' }, { assignmentId: validId() }];
    case 'tasks.cartable':
      return [{}, { tab: 'everything' }, { tab: 'mine', statuses: ['lost'] }, { tab: 'mine', from: '1404/00/01' }, { tab: 'mine', limit: 0 }, { tab: 'mine', before: 'nope' }, { tab: 'mine', personId: 5 }];
    case 'tasks.announce':
      return [
        {},
        { subject: 'ابلاغ' },
        { subject: 'ابلاغ', audience: { everyone: false } },
        { subject: 'ابلاغ', audience: { userIds: [], groupIds: [] } },
        { subject: 'ابلاغ', audience: { everyone: true, userIds: [validId()] } },
        { subject: '', audience: { everyone: true } },
        { subject: 'ابلاغ', audience: { everyone: true }, deadline: 'فردا' },
      ];
    case 'tasks.announcements':
      return [{ limit: 0 }, { limit: 101 }, { before: 'nope' }];
    case 'followups.create':
      return [{}, { item, note: '' }, { item, note: HUGE }, { item, note: 'پیگیری', next: '1404/13/01' }, { item: { kind: 'x', id: 'nope' }, note: 'پیگیری' }];
    case 'followups.update':
      return [{}, { id: 'nope' }, { id: validId(), done: 'yes' }, { id: validId(), next: '1404/12/30' }, { id: validId(), note: '' }];
    case 'followups.forItem':
      return [{}, { item: null }, { item: { kind: 'identity' } }, { item: { kind: 'identity', id: 'nope' } }];
    case 'notes.create':
      return [
        {},
        { identityId: validId(), body: '' },
        { identityId: validId(), body: '   \n\t ' },
        { identityId: validId(), body: 'x'.repeat(20_001) },
        { identityId: validId(), body: HUGE },
        { identityId: null, body: 'یادداشت' },
        { identityId: 'nope', body: 'یادداشت' },
        { identityId: validId(), body: 5 },
        { identityId: validId(), body: null },
      ];
    case 'phone.account.save': {
      const acc = { server: 'wss://pbx.example.ir/ws', user: '201' };
      return [
        {},
        { ...acc, server: 'http://pbx.example.ir' },
        { ...acc, server: 'pbx.example.ir' },
        { ...acc, server: HUGE },
        { ...acc, user: 'علی' },
        { ...acc, user: '' },
        { ...acc, user: 'a b' },
        { ...acc, authUser: '<script>' },
        { ...acc, password: HUGE },
        { ...acc, domain: 'pbx example' },
        { ...acc, trustedCaPem: 'not a certificate' },
        { ...acc, enabled: 'yes' },
        { ...acc, user: null },
      ];
    }
    case 'phone.dnd':
      return [{}, { on: 'yes' }, { on: 1 }, { on: null }];
    case 'phone.dial':
      return [{}, { number: '' }, { number: 'abc' }, { number: '0912 abc' }, { number: '12+34' }, { number: HUGE }, { number: 912 }, { number: null }];
    case 'phone.answer':
    case 'phone.decline':
    case 'phone.hangup':
      return [{}, { callId: 'nope' }, { callId: 5 }, { callId: null }, { callId: HUGE }, { id: validId() }];
    case 'phone.hold':
      return [{}, { callId: validId() }, { callId: validId(), held: 'yes' }, { callId: 'nope', held: true }];
    case 'phone.mute':
      return [{}, { callId: validId() }, { callId: validId(), muted: 1 }, { callId: null, muted: true }];
    case 'phone.dtmf':
      return [{}, { callId: validId(), tones: '' }, { callId: validId(), tones: 'x' }, { callId: validId(), tones: '1'.repeat(33) }, { callId: 'nope', tones: '1' }];
    case 'phone.transfer':
      return [{}, { callId: validId() }, { callId: validId(), to: 'abc' }, { callId: validId(), to: HUGE }, { callId: 'nope', to: '201' }];
    case 'phone.transferAttended':
      return [{}, { callId: validId() }, { callId: validId(), consultCallId: 'nope' }, { callId: 5, consultCallId: validId() }];
    case 'phone.calls.list':
      return [
        { filter: 'deleted' },
        { limit: 0 },
        { limit: 201 },
        { limit: '5' },
        { identityId: 'nope' },
        { before: { at: -1, id: validId() } },
        { before: { at: 1, id: 'nope' } },
        { before: 'yesterday' },
      ];
    case 'phone.calls.log':
      return [
        {},
        { id: validId() },
        { id: validId(), subject: '' },
        { id: validId(), subject: '   ' },
        { id: validId(), subject: HUGE },
        { id: validId(), subject: 'x', summary: HUGE },
        { id: validId(), subject: 'x', followUp: { at: -5 } },
        { id: validId(), subject: 'x', followUp: 'tomorrow' },
        { id: validId(), subject: 'x', identityId: 'nope' },
        { id: 'nope', subject: 'x' },
      ];
    case 'phone.calls.assign':
      return [{}, { id: validId() }, { id: validId(), identityId: 'nope' }, { id: validId(), identityId: validId(), addNumber: 'satellite' }];
    case 'phone.screenPop.set':
      return [{}, { action: 'explode' }, { action: 'new-item', item: 'Space Ship!' }, { action: 'new-item', item: 'x'.repeat(41) }, { action: null }, { action: HUGE }];
    case 'phone.media.attach':
    case 'phone.media.detach':
      return [{}, { engineId: 'short' }, { engineId: 'has spaces in it' }, { engineId: HUGE }, { engineId: 'engine-0001', visible: 'yes' }];
    case 'phone.media.respond':
      return [{}, { requestId: 0, ok: true }, { requestId: 1.5, ok: true }, { requestId: 1, ok: 'yes' }, { requestId: 1, ok: true, sdp: HUGE }, { requestId: 1, ok: false, error: HUGE }];
  }
}

describe('malformed input', () => {
  it('the table below covers every method of the backend', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    // A method the table does not know falls out of the switch: undefined here.
    for (const m of METHOD_NAMES) expect((wrongObjects(m) as unknown[] | undefined)?.length ?? 0, m).toBeGreaterThan(0);
    for (const m of EMPTY_INPUT) expect(METHOD_NAMES, m).toContain(m);
  });

  describe.each(METHOD_NAMES)('%s', (method) => {
    it('answers invalid-input with a Persian message for non-objects and wrong fields, and writes nothing', async () => {
      const inputs = [...NOT_OBJECTS, ...wrongObjects(method)];
      if (!EMPTY_INPUT.includes(method) && !OPTIONAL_ONLY.includes(method)) inputs.push(null, undefined);
      for (const input of inputs) {
        const before = snapshot(t.backend.db);
        const r = await t.backend.call(method, input);
        const shown = JSON.stringify(input)?.slice(0, 120);
        expect(r.ok, `${method} accepted ${shown}`).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, `${method} ${shown}: ${r.error.message}`).toBe('invalid-input');
        expect(r.error.message).toMatch(/[\u0600-\u06FF]/);
        for (const issue of r.error.issues ?? []) {
          expect(Array.isArray(issue.path)).toBe(true);
          expect(typeof issue.message).toBe('string');
        }
        expect(snapshot(t.backend.db), `${method} wrote something for ${shown}`).toEqual(before);
      }
    });
  });

  describe.each(EMPTY_INPUT)('%s (input is an empty object)', (method) => {
    it('accepts nothing, null and {}', async () => {
      for (const input of [undefined, null, {}]) {
        const r = await t.backend.call(method, input);
        expect(r.ok, `${method} ${JSON.stringify(input)}`).toBe(true);
      }
    });
    it('refuses extra keys (the schema is strict)', async () => {
      const r = await t.backend.call(method, { unexpected: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    });
  });

  it('validation issues point at the field', async () => {
    const r = await t.backend.call('identities.create', { kind: 'person', firstName: 'x', emails: [{ kind: 'work', address: 'nope' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.path)).toContainEqual(['emails', 0, 'address']);
  });

  it('unknown keys in an object input are dropped, not stored', async () => {
    const created = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'اضافه',
      deleted_at: 1,
      created_by: 'hacker',
      id: '00000000-0000-7000-8000-000000000000',
    } as never);
    expect(created.id).not.toBe('00000000-0000-7000-8000-000000000000');
    const row = t.backend.db.prepare('SELECT deleted_at, created_by FROM identities WHERE id = ?').get(created.id) as Record<string, unknown>;
    expect(row.deleted_at).toBeNull();
    expect(row.created_by).not.toBe('hacker');
  });

  it('the backend still answers normally afterwards', async () => {
    expect((await ok(t.backend, 'identities.get', { id: identityId })).displayName).toBe('موجود');
    expect((await ok(t.backend, 'session.get', {})).user?.username).toBe('admin');
  });
});
