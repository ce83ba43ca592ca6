/**
 * Storage faults in words a person can act on. Every fault that reaches a caller becomes an
 * `unavailable` error with the sentence for its kind and the path it concerns.
 */
import { FolderInUseError } from '../../db/folder-lock';
import { IncompatibleDatabaseError } from '../../db/migrate';
import { NoGoodBackupError } from '../../db/storage';
import { StorageFaultError, storageFaultOf, type StorageFault } from '../../db/storage-faults';
import { ApiError } from '../api/errors';
import { text, type Language, type MessageKey } from '../api/messages';

export const FAULT_MESSAGES: Record<StorageFault, MessageKey> = {
  corrupt: 'storage.corrupt',
  full: 'storage.full',
  'read-only': 'storage.readOnly',
  io: 'storage.io',
  locked: 'storage.locked',
  'cannot-open': 'storage.cannotOpen',
};

/**
 * A path inside a sentence shown on screen: isolated left-to-right (LRI … PDI), so a Persian
 * sentence does not move its slashes around ("/tmp/x" must not read "tmp/x/").
 */
export const isolatePath = (path: string) => `\u2066${path}\u2069`;

/** The API error for a storage fault (null for any other error). */
export function storageApiError(err: unknown, fallbackPath: string): ApiError | null {
  const fault = storageFaultOf(err);
  if (!fault) return null;
  const path = err instanceof StorageFaultError ? err.path : fallbackPath;
  return new ApiError('unavailable', FAULT_MESSAGES[fault], { path: isolatePath(path) });
}

/**
 * Why a start failed, as one Persian and one English sentence for stderr and the log (the
 * desk's language is not known before the store opens).
 */
export function explainStartFailure(err: unknown, dataDir: string): string {
  const both = (key: MessageKey, params: Record<string, string | number>) =>
    `${text(key, 'fa', params)}\n${text(key, 'en', params)}`;
  if (err instanceof FolderInUseError) {
    const o = err.owner;
    return o
      ? both('storage.folderInUse', { path: err.dataDir, pid: String(o.pid), host: o.host, program: o.program })
      : both('storage.folderInUseUnknown', { path: err.dataDir });
  }
  if (err instanceof IncompatibleDatabaseError) return err.message;
  if (err instanceof NoGoodBackupError) return both('storage.noGoodBackup', {});
  const fault = storageFaultOf(err);
  if (fault) return both(FAULT_MESSAGES[fault], { path: err instanceof StorageFaultError ? err.path : dataDir });
  return both('storage.startFailed', { path: dataDir, detail: err instanceof Error ? err.message : String(err) });
}

export function faultMessage(fault: StorageFault, path: string, lang: Language): string {
  return text(FAULT_MESSAGES[fault], lang, { path: isolatePath(path) });
}
