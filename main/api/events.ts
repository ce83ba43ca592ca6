/** Events the backend pushes to every connected window. */
export interface Events {
  /** Something was written: lists showing these tables refresh. */
  'data.changed': { tables: string[]; root: { table: string; id: string } | null };
  /** The desk's session changed (signed in, switched user, locked, signed out) in some window. */
  'session.changed': { state: 'setup' | 'signed-out' | 'signed-in' | 'locked'; userId: string | null };
  /** The store became read-only (damage found) or writable again (restored). */
  'storage.status': { state: 'ok' | 'read-only'; fault: string | null };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['data.changed', 'session.changed', 'storage.status'];
