/**
 * What went wrong with the disk or the file, in the few kinds a person can act on. SQLite
 * and Node report the same trouble under many codes (SQLITE_FULL, SQLITE_IOERR_WRITE with
 * ENOSPC, ENOSPC from a log write…); the rest of Daftar speaks only of these kinds.
 */
export type StorageFault = 'corrupt' | 'full' | 'read-only' | 'io' | 'locked' | 'cannot-open';

export const STORAGE_FAULTS: readonly StorageFault[] = ['corrupt', 'full', 'read-only', 'io', 'locked', 'cannot-open'];

/** The fault an error stands for, or null when it is not about storage. */
export function storageFaultOf(err: unknown): StorageFault | null {
  if (err instanceof StorageFaultError) return err.fault;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') return 'cannot-open';
  return null;
}

/** A storage fault with the file it concerns, for a message that names the path. */
export class StorageFaultError extends Error {
  constructor(
    readonly fault: StorageFault,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(`storage ${fault}: ${path}${cause instanceof Error ? ` (${cause.message})` : ''}`);
    this.name = 'StorageFaultError';
  }
}
