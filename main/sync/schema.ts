import { z } from 'zod';
import type { Said } from '../../db/sync/protocol';

export const SyncSignIn = z.object({
  /** The server's address, e.g. https://sync.office.example or http://192.168.1.10:8470. */
  server: z
    .string()
    .trim()
    .max(300)
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
      } catch {
        return false;
      }
    }, 'sync.serverFormat'),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type SyncSignInInput = z.infer<typeof SyncSignIn>;

export const FeedCreate = z.object({ calendarId: z.uuid() });
export const FeedRef = z.object({ id: z.uuid() });

export interface CalendarFeed {
  id: string;
  calendarId: string;
  createdAt: number;
  /** The secret address: known only right after it was made (the server keeps its hash). */
  url: string | null;
}

export const ConflictResolve = z.object({
  id: z.uuid(),
  /** What the person decided, in their words (optional). */
  note: z.string().trim().max(500).optional(),
});

export type SyncState = 'off' | 'offline' | 'syncing' | 'upToDate' | 'signedOut' | 'error';

export interface SyncStatus {
  /** A server is set up on this desk. */
  configured: boolean;
  server: string | null;
  user: { id: string; username: string; displayName: string } | null;
  state: SyncState;
  /** The poke connection is up (changes elsewhere arrive at once). */
  connected: boolean;
  lastSyncedAt: number | null;
  /** This desk's changes the server does not have yet. */
  pending: number;
  /** First sync of an account: how far it is. */
  progress: { done: number; total: number } | null;
  /** Why the last sync failed (offline needs no words: the state says it). */
  problem: { kind: 'signedOut' | 'version' | 'refused' | 'server'; message: Said | null } | null;
  /** Changes the server refused (kept here, shown in Settings). */
  refused: number;
  /** Open conflict records for this desk's user. */
  conflicts: number;
}

export interface SyncConflict {
  id: string;
  rule: string;
  subject: { table: string; id: string };
  other: { table: string; id: string } | null;
  parties: { id: string; displayName: string }[];
  details: Record<string, unknown>;
  createdAt: number;
  resolvedAt: number | null;
}

export interface SyncRefusal {
  table: string;
  rowId: string;
  code: string;
  message: Said | null;
}
