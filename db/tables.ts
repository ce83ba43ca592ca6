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
  rooms: ['name', 'capacity', 'location'],
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
  sync_conflicts: [
    'rule',
    'subject_table',
    'subject_id',
    'other_table',
    'other_id',
    'parties',
    'details',
    'resolved_at',
    'resolved_by',
    'resolution',
  ],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLES;
export type ColumnOf<T extends TableName> = (typeof TABLES)[T][number];

export function isTableName(name: string): name is TableName {
  return Object.prototype.hasOwnProperty.call(TABLES, name);
}

export function isColumnOf(table: TableName, column: string): boolean {
  return (TABLES[table] as readonly string[]).includes(column);
}
