/**
 * The phone capability's SQL: call records (written through the store's one write path, so
 * they reach the outbox and the change log), each user's phone preferences, and this desk's
 * SIP account (device-local, never synced, like the settings table).
 */
import type { Store, Writer } from '../../db/writer';
import type { CallDirection, CallOutcome } from './schema';

export interface CallRow {
  id: string;
  direction: CallDirection;
  number: string;
  e164: string | null;
  remote_name: string | null;
  identity_id: string | null;
  user_id: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  duration_ms: number | null;
  outcome: CallOutcome | null;
  transferred_to: string | null;
  subject: string | null;
  summary: string | null;
  follow_up_at: number | null;
  follow_up_note: string | null;
  logged_at: number | null;
}

export interface AccountRow {
  server: string;
  sip_user: string;
  auth_user: string | null;
  password_sealed: string | null;
  domain: string | null;
  display_name: string | null;
  trusted_ca_pem: string | null;
  enabled: number;
  dnd: number;
}

export interface PreferenceRow {
  id: string;
  screen_pop: 'profile' | 'new-item' | 'nothing';
  screen_pop_item: string;
  history_seen_at: number;
}

const CALL_COLUMNS = `id, direction, number, e164, remote_name, identity_id, user_id, started_at, answered_at, ended_at,
  duration_ms, outcome, transferred_to, subject, summary, follow_up_at, follow_up_note, logged_at`;

/** Filters of the call history, each one fixed SQL (never built from input). */
const FILTERS = {
  all: '',
  incoming: "AND direction = 'incoming'",
  outgoing: "AND direction = 'outgoing'",
  missed: "AND direction = 'incoming' AND outcome IN ('missed', 'busy')",
} as const;
export type CallFilter = keyof typeof FILTERS;

export class PhoneStore {
  constructor(private readonly store: Store) {}

  insertCall(w: Writer, id: string, values: Omit<CallRow, 'id' | 'duration_ms' | 'subject' | 'summary' | 'follow_up_at' | 'follow_up_note' | 'logged_at' | 'ended_at' | 'outcome' | 'transferred_to'> & { sip_call_id: string }): void {
    w.insert('call_records', values, id);
  }

  updateCall(w: Writer, id: string, patch: Partial<Omit<CallRow, 'id'>>): void {
    w.update('call_records', id, patch);
  }

  call(id: string): CallRow | undefined {
    return this.store.sql(`SELECT ${CALL_COLUMNS} FROM call_records WHERE id = ? AND deleted_at IS NULL`).get(id) as CallRow | undefined;
  }

  /** Newest first, strictly before the cursor. */
  calls(filter: CallFilter, identityId: string | null, before: { at: number; id: string } | null, limit: number): CallRow[] {
    const who = identityId ? 'AND identity_id = @identityId' : '';
    const page = before ? 'AND (started_at, id) < (@at, @id)' : '';
    return this.store
      .sql(
        `SELECT ${CALL_COLUMNS} FROM call_records WHERE deleted_at IS NULL ${FILTERS[filter]} ${who} ${page}
         ORDER BY started_at DESC, id DESC LIMIT @limit`,
      )
      .all({ identityId, at: before?.at ?? 0, id: before?.id ?? '', limit }) as CallRow[];
  }

  /** Incoming calls nobody answered since `since`. */
  unansweredSince(since: number): number {
    return this.store
      .sql(
        `SELECT count(*) FROM call_records WHERE deleted_at IS NULL AND direction = 'incoming'
         AND outcome IN ('missed', 'busy') AND started_at > ?`,
      )
      .pluck()
      .get(since) as number;
  }

  /** Calls that never got an ending (the app stopped during them). */
  unfinished(): { id: string; started_at: number; answered_at: number | null; direction: CallDirection }[] {
    return this.store
      .sql('SELECT id, started_at, answered_at, direction FROM call_records WHERE deleted_at IS NULL AND outcome IS NULL')
      .all() as { id: string; started_at: number; answered_at: number | null; direction: CallDirection }[];
  }

  preferences(userId: string): PreferenceRow | undefined {
    return this.store
      .sql('SELECT id, screen_pop, screen_pop_item, history_seen_at FROM phone_preferences WHERE user_id = ? AND deleted_at IS NULL')
      .get(userId) as PreferenceRow | undefined;
  }

  account(): AccountRow | undefined {
    return this.store
      .sql(
        `SELECT server, sip_user, auth_user, password_sealed, domain, display_name, trusted_ca_pem, enabled, dnd
         FROM phone_account WHERE slot = 1`,
      )
      .get() as AccountRow | undefined;
  }

  saveAccount(row: AccountRow, now: number): void {
    this.store
      .sql(
        `INSERT INTO phone_account (slot, server, sip_user, auth_user, password_sealed, domain, display_name, trusted_ca_pem, enabled, dnd, updated_at)
         VALUES (1, @server, @sip_user, @auth_user, @password_sealed, @domain, @display_name, @trusted_ca_pem, @enabled, @dnd, @now)
         ON CONFLICT (slot) DO UPDATE SET server = excluded.server, sip_user = excluded.sip_user, auth_user = excluded.auth_user,
           password_sealed = excluded.password_sealed, domain = excluded.domain, display_name = excluded.display_name,
           trusted_ca_pem = excluded.trusted_ca_pem, enabled = excluded.enabled, dnd = excluded.dnd, updated_at = excluded.updated_at`,
      )
      .run({ ...row, now });
  }

  setDnd(on: boolean, now: number): void {
    this.store.sql('UPDATE phone_account SET dnd = ?, updated_at = ? WHERE slot = 1').run(on ? 1 : 0, now);
  }
}
