/**
 * Which tables of the desk's store travel through sync, and who may read and write them.
 * Shared by the desk's sync client (what to push) and the server (what to accept and to
 * whom to send it). A table not listed here stays on the desk (settings, the change log,
 * search indexes). Permission names are the desk's (main/api); db/ cannot import them, so
 * they are plain strings here and the server checks them against the roles it holds.
 *
 * A table added by a later migration syncs once it has a line here; until then its rows
 * stay local and a push naming it is refused with a clear reason. Device-local tables have
 * no line on purpose: `settings`, the change log and outbox, search indexes, and
 * `user_credentials` (each desk keeps its own password hashes; they never leave it).
 */
export interface TablePolicy {
  /** Needed to receive the table's rows in a pull. */
  read: string;
  /** Needed to push inserts and updates. */
  write: string;
  /** Needed to push deletes (soft deletes); defaults to `write`. */
  delete?: string;
  /** Which rows a holder of `read` sees (below). */
  scope: Scope;
  /**
   * Calendar-scoped tables: the access to the row's calendar a write needs; 'read-write'
   * unless told (an attendee answering an invitation needs only to read it).
   */
  writeAccess?: 'read' | 'read-write';
}

/**
 *  - 'everyone': every holder of `read` sees every row;
 *  - { members: column }: the users named in the column (a user id, or a JSON array of
 *    user ids) and the row's creator see the row; holders of `viewAll` see every row;
 *  - { calendar: … }: the users who may read the row's calendar (its access list, the
 *    owner, the groups, the default; `viewAll` sees all). The calendar is the row itself
 *    ('id'), a column holding its id, or reached through another table's row;
 *  - { task: … }: the people taking part in the row's task (the row itself, 'id', or a
 *    column holding its id); each row makes its creator and the users in its `people`
 *    columns part of the task; `viewAll` sees all. A person made part of a task later
 *    receives its earlier rows too (server/sync/task-access.ts);
 *  - { author: true }: only the row's creator (and holders of `viewAll`).
 */
export type Scope =
  | 'everyone'
  | { members: string; viewAll?: string }
  | { calendar: 'id' | string | { through: string; column: string }; viewAll?: string }
  | { task: 'id' | string; people?: readonly string[]; viewAll?: string }
  | { author: true; viewAll?: string };

const ORGANISATION: TablePolicy = { read: 'organisation.read', write: 'organisation.manage', scope: 'everyone' };
const IDENTITIES: TablePolicy = {
  read: 'identities.read',
  write: 'identities.write',
  delete: 'identities.delete',
  scope: 'everyone',
};

const CALENDAR_SELF: Scope = { calendar: 'id', viewAll: 'calendar.manage' };
const THROUGH_APPOINTMENT: Scope = { calendar: { through: 'appointments', column: 'appointment_id' }, viewAll: 'calendar.manage' };

export const SYNC_POLICY: Readonly<Record<string, TablePolicy>> = {
  positions: ORGANISATION,
  users: ORGANISATION,
  groups: ORGANISATION,
  group_members: ORGANISATION,
  roles: ORGANISATION,
  user_roles: ORGANISATION,
  rooms: ORGANISATION,
  identities: IDENTITIES,
  identity_phones: IDENTITIES,
  identity_emails: IDENTITIES,
  identity_addresses: IDENTITIES,
  notes: { read: 'history.read', write: 'notes.write', scope: 'everyone' },
  // Calls are the office's record (an identity's history shows them); a user's screen-pop
  // choice follows that user to every desk, and only them.
  call_records: { read: 'phone.use', write: 'phone.use', scope: 'everyone' },
  phone_preferences: { read: 'phone.use', write: 'phone.use', scope: { members: 'user_id' } },
  // Calendars: each calendar's rows go to those who may read it (main/calendar/access.ts).
  calendars: { read: 'calendar.read', write: 'calendar.manage', scope: CALENDAR_SELF },
  calendar_access: { read: 'calendar.read', write: 'calendar.manage', scope: { calendar: 'calendar_id', viewAll: 'calendar.manage' } },
  appointments: { read: 'calendar.read', write: 'calendar.book', scope: { calendar: 'calendar_id', viewAll: 'calendar.manage' } },
  appointment_exceptions: { read: 'calendar.read', write: 'calendar.book', scope: THROUGH_APPOINTMENT },
  // Attendees answer invitations to calendars they may only read.
  appointment_attendees: { read: 'calendar.read', write: 'calendar.read', scope: THROUGH_APPOINTMENT, writeAccess: 'read' },
  calendar_conflict_overrides: { read: 'calendar.read', write: 'calendar.book', scope: THROUGH_APPOINTMENT },
  occasions: { read: 'calendar.read', write: 'calendar.manage', scope: 'everyone' },
  message_templates: { read: 'calendar.read', write: 'calendar.manage', scope: 'everyone' },
  calendar_settings: { read: 'calendar.read', write: 'calendar.manage', scope: 'everyone' },
  // A message goes to its recipient (and stays with its sender); a user's calendar choices to that user.
  calendar_messages: { read: 'calendar.read', write: 'calendar.read', scope: { members: 'user_id', viewAll: 'calendar.manage' } },
  calendar_preferences: { read: 'calendar.read', write: 'calendar.read', scope: { members: 'user_id' } },
  // Tasks and their referral chain go to the people taking part (a step's holder and
  // sender, the task's creator); tasks.readAll sees every one. An announcement stays with
  // its author: each recipient reads it as a task of their own.
  tasks: { read: 'tasks.read', write: 'tasks.write', scope: { task: 'id', viewAll: 'tasks.readAll' } },
  task_assignments: {
    read: 'tasks.read',
    write: 'tasks.write',
    scope: { task: 'task_id', people: ['holder_id', 'sender_id'], viewAll: 'tasks.readAll' },
  },
  announcements: { read: 'tasks.read', write: 'tasks.announce', scope: { author: true, viewAll: 'tasks.readAll' } },
  // Follow-ups are the office's record of an item (its history lists everyone's); a
  // reminder belongs to its owner and an in-app message to its recipient (and its sender,
  // whose desk wrote it), on whichever desk they sit at.
  followups: { read: 'followups.use', write: 'followups.use', scope: 'everyone' },
  reminders: { read: 'reminders.use', write: 'reminders.use', scope: { members: 'owner_id' } },
  inbox_messages: { read: 'inbox.read', write: 'inbox.read', scope: { members: 'user_id' } },
  // Conflict records: shown to the people named in them (and to whoever may manage the
  // organisation); anyone taking part may mark one resolved.
  sync_conflicts: {
    read: 'history.read',
    write: 'history.read',
    scope: { members: 'parties', viewAll: 'organisation.manage' },
  },
};

export function policyOf(table: string): TablePolicy | undefined {
  return Object.prototype.hasOwnProperty.call(SYNC_POLICY, table) ? SYNC_POLICY[table] : undefined;
}

/** Meta columns every synced table has; the server and the applier set them, never a push. */
export const META_COLUMNS = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at'] as const;
