/**
 * Every table the write path may touch, with its data columns (the meta columns id,
 * created_*, updated_*, deleted_at are the same everywhere). SQL is built only from these
 * names, never from names that come from outside (a sync message's table or column is
 * looked up here first).
 */
export const TABLES = {
  positions: ['title'],
  users: ['username', 'display_name', 'email', 'mobile', 'extension', 'position_id', 'active'],
  groups: ['name', 'kind', 'parent_id'],
  group_members: ['group_id', 'user_id'],
  roles: ['name', 'permissions'],
  user_roles: ['user_id', 'role_id'],
  rooms: ['name', 'capacity', 'location', 'equipment'],
  identities: [
    'kind',
    'honorific',
    'first_name',
    'last_name',
    'organisation_name',
    'organisation_id',
    'job_title',
    'display_name',
    'sort_key',
    'tags',
    'notes',
  ],
  identity_phones: ['identity_id', 'kind', 'number', 'e164', 'display', 'position'],
  identity_emails: ['identity_id', 'kind', 'address', 'position'],
  identity_addresses: ['identity_id', 'kind', 'line', 'city', 'postal_code', 'position'],
  notes: ['subject_table', 'subject_id', 'identity_id', 'body'],
  // Calendar (db/migrations/0007_calendar.sql). appointment_occurrences is derived and never written here.
  calendars: ['name', 'colour', 'kind', 'owner_id', 'default_access'],
  calendar_access: ['calendar_id', 'user_id', 'group_id', 'access'],
  appointments: [
    'calendar_id',
    'subject',
    'description',
    'coordinator_id',
    'all_day',
    'start_at',
    'end_at',
    'start_date',
    'end_date',
    'zone',
    'location_kind',
    'room_id',
    'location_text',
    'identity_id',
    'rrule',
    'series_end_at',
    'ical_uid',
    'sequence',
  ],
  appointment_exceptions: [
    'appointment_id',
    'occurrence_start',
    'cancelled',
    'start_at',
    'end_at',
    'subject',
    'description',
    'location_kind',
    'room_id',
    'location_text',
  ],
  appointment_attendees: [
    'appointment_id',
    'kind',
    'user_id',
    'identity_id',
    'name',
    'phone',
    'email',
    'fax',
    'mandatory',
    'status',
    'responded_at',
    'responded_by',
  ],
  calendar_conflict_overrides: ['appointment_id', 'conflicts'],
  occasions: ['year', 'date', 'jalali_date', 'title_fa', 'title_en', 'day_off', 'kind', 'uncertain', 'note'],
  message_templates: ['event', 'channel', 'subject', 'body'],
  calendar_messages: ['appointment_id', 'attendee_id', 'event', 'channel', 'user_id', 'address', 'subject', 'body', 'status', 'read_at'],
  calendar_settings: ['value'],
  calendar_preferences: ['user_id', 'shown', 'view', 'hours'],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLES;
export type ColumnOf<T extends TableName> = (typeof TABLES)[T][number];

export function isTableName(name: string): name is TableName {
  return Object.prototype.hasOwnProperty.call(TABLES, name);
}

export function isColumnOf(table: TableName, column: string): boolean {
  return (TABLES[table] as readonly string[]).includes(column);
}
