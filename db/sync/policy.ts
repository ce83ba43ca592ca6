/**
 * Which tables of the desk's store travel through sync, and who may read and write them.
 * Shared by the desk's sync client (what to push) and the server (what to accept and to
 * whom to send it). A table not listed here stays on the desk (settings, the change log,
 * search indexes). Permission names are the desk's (main/api); db/ cannot import them, so
 * they are plain strings here and the server checks them against the roles it holds.
 *
 * A table added by a later migration syncs once it has a line here; until then its rows
 * stay local and a push naming it is refused with a clear reason.
 */
export interface TablePolicy {
  /** Needed to receive the table's rows in a pull. */
  read: string;
  /** Needed to push inserts and updates. */
  write: string;
  /** Needed to push deletes (soft deletes); defaults to `write`. */
  delete?: string;
  /**
   * Who, besides holders of `read`, is limited to which rows:
   *  - 'everyone': every holder of `read` sees every row;
   *  - { members: column }: only users named in the column (a user id, or a JSON array of
   *    user ids) see the row, and holders of `viewAll` see every row.
   */
  scope: 'everyone' | { members: string; viewAll?: string };
}

const ORGANISATION: TablePolicy = { read: 'organisation.read', write: 'organisation.manage', scope: 'everyone' };
const IDENTITIES: TablePolicy = {
  read: 'identities.read',
  write: 'identities.write',
  delete: 'identities.delete',
  scope: 'everyone',
};

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
