/** Events the backend pushes to every connected window. */
export interface Events {
  /** Something was written: lists showing these tables refresh. */
  'data.changed': { tables: string[]; root: { table: string; id: string } | null };
  /** The signed-in local user changed (another window switched users). */
  'session.changed': { userId: string | null };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['data.changed', 'session.changed'];
