/**
 * The sync protocol between a desk and the server: what travels, in both directions. Pure
 * types and constants, shared by main/sync (the desk's client) and server/.
 *
 *   POST /auth/sign-in   {username, password, clientId}        → SignInResponse
 *   POST /auth/sign-out                                        → {}
 *   POST /auth/verify    {username, password}                  → VerifyResponse (401 wrong, 403 disabled)
 *   GET  /sync/hello                                           → Hello
 *   POST /sync/push      PushRequest                           → PushResponse
 *   GET  /sync/pull?after=SEQ&limit=N                          → PullResponse
 *   GET  /sync/poke      (WebSocket)                           ← {t: 'poke', head}
 *   GET  /calendar/feeds | POST /calendar/feeds {calendarId} | POST /calendar/feeds/revoke {id}
 *   GET  /feeds/SECRET.ics   a calendar as iCalendar (the secret is the credential)
 *
 * Every /sync request carries `Authorization: Bearer TOKEN` and the headers below; a desk
 * and a server that do not speak the same protocol and schema refuse each other with a
 * clear message instead of exchanging rows either side could not store.
 */
import { MIGRATIONS } from '../migrations';

export const PROTOCOL_VERSION = 1;
/** The desk schema both sides must share: the last migration of the store. */
export const DESK_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.name;

export const PROTOCOL_HEADER = 'daftar-protocol';
export const SCHEMA_HEADER = 'daftar-schema';
export const CLIENT_HEADER = 'daftar-client';

export type Value = string | number | null;
export type Op = 'insert' | 'update' | 'delete';

/** A sentence for a person, in both interface languages. */
export interface Said {
  fa: string;
  en: string;
}

export interface ProblemBody {
  error: { code: ProblemCode; message: Said };
}
export type ProblemCode =
  | 'unauthorised'
  | 'forbidden'
  | 'invalid-request'
  | 'protocol-mismatch'
  | 'schema-mismatch'
  | 'not-found'
  | 'too-large'
  | 'too-many-attempts'
  | 'internal';

/** One change to one row, as a desk recorded it. */
export interface ChangeBody {
  table: string;
  rowId: string;
  op: Op;
  /** New values of the changed fields (an insert: every non-null field). */
  fields: Record<string, Value>;
  /** Hybrid logical clock of the change: orders it for last-writer-wins per field. */
  hlc: string;
  /** Epoch ms UTC when it was made. */
  at: number;
  /** One user action = one transaction; the change log shows it as one item. */
  txId: string;
  /** The record the action was about. */
  root: { table: string; id: string };
}

export interface PushChange extends ChangeBody {
  /** Unique per desk; with the desk's client id it makes a push idempotent. */
  changeId: string;
}

export interface PushRequest {
  clientId: string;
  changes: PushChange[];
}

export type ChangeResult =
  | { changeId: string; status: 'accepted'; seq: number }
  | { changeId: string; status: 'rejected'; reason: Reason }
  | { changeId: string; status: 'conflict'; seq: number; conflictId: string; reason: Reason };

export interface Reason {
  code: string;
  message: Said;
}

export interface PushResponse {
  results: ChangeResult[];
}

/** A change as the server sends it back: sequenced, with the author the token proved. */
export interface PulledChange extends ChangeBody {
  seq: number;
  changeId: string;
  /** The desk that made it (null: the server itself, e.g. a conflict record or an admin). */
  clientId: string | null;
  author: string | null;
}

export interface PullResponse {
  changes: PulledChange[];
  /** Pull again after this. */
  cursor: number;
  /** The server's newest sequence number when it answered (for progress). */
  head: number;
  more: boolean;
  /** The user may now read more than before: pull again from the start (cursor 0). */
  rescan?: boolean;
}

export interface Hello {
  server: 'daftar';
  protocol: number;
  schema: string;
}

export interface SignInRequest {
  username: string;
  password: string;
  clientId: string;
}

/**
 * A desk's own sign-in, unlock or switch of user, checked against the server: no token is
 * issued and the desk is bound to no one. Answered like a sign-in: 401 for a wrong password
 * or an unknown name alike, 403 for a disabled account (told only with the right password).
 */
export interface VerifyRequest {
  username: string;
  password: string;
}

export interface VerifyResponse {
  user: { id: string; username: string };
}

export interface SignInResponse {
  token: string;
  expiresAt: number;
  user: { id: string; username: string; displayName: string };
}

export interface PokeFrame {
  t: 'poke';
  head: number;
}

export const MAX_PUSH_CHANGES = 1000;
export const MAX_PULL_LIMIT = 5000;

export interface CalendarFeedInfo {
  id: string;
  calendarId: string;
  createdAt: number;
}
