import { z } from 'zod';

export const BackupRef = z.object({
  /** A name from storage.backups; omitted: the newest backup that verifies. */
  name: z
    .string()
    .regex(/^daftar-\d{8}T\d{9}Z-[a-z-]+\.sqlite$/, 'field.format')
    .optional(),
});
export const CheckInput = z.object({ kind: z.enum(['quick', 'full']).default('full') });

export type StorageFaultKind = 'corrupt' | 'full' | 'read-only' | 'io' | 'locked' | 'cannot-open';

export interface StorageStatus {
  state: 'ok' | 'read-only';
  fault: StorageFaultKind | null;
  /** What happened and what to do, in the desk's language (null when ok). */
  message: string | null;
  path: string | null;
  since: number | null;
  /** The newest backup, for the "restore newest good backup" offer. */
  newestBackup: BackupItem | null;
}

export interface BackupItem {
  name: string;
  at: number;
  reason: 'daily' | 'pre-migration' | 'manual' | 'before-restore';
  bytes: number;
}

export interface CheckReport {
  kind: 'quick' | 'full';
  ok: boolean;
  problems: string[];
  ms: number;
}

export interface RestoreResult {
  restored: BackupItem;
  /** Where the replaced store file was kept. */
  keptAside: string[];
}

export interface ExportResult {
  file: string;
  bytes: number;
}
