import { describe, expect, it, vi } from 'vitest';
import { storageFaultOf, StorageFaultError, type StorageFault } from '../../db/storage-faults';

/**
 * SQLite and Node report the same trouble under many codes; db/storage-faults.ts names each
 * by the one kind a person can act on (a full disk, a read-only folder…), and anything else
 * is not a storage fault at all.
 */

const withCode = (code: unknown) => Object.assign(new Error(`failed (${String(code)})`), { code });

const KINDS: Record<StorageFault, string[]> = {
  corrupt: ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB'],
  full: ['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'EFBIG'],
  'read-only': ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_DIRECTORY', 'EROFS', 'EACCES', 'EPERM'],
  io: ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'EIO'],
  locked: ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'],
  'cannot-open': ['SQLITE_CANTOPEN', 'SQLITE_CANTOPEN_ISDIR', 'ENOENT', 'ENOTDIR'],
};

describe('a storage error is named by the kind a person can act on', () => {
  it.each(Object.entries(KINDS).flatMap(([kind, codes]) => codes.map((code) => [code, kind])))('%s is %s', (code, kind) => {
    expect(storageFaultOf(withCode(code))).toBe(kind);
    // The code is what counts, not the kind of object that carries it.
    expect(storageFaultOf({ code })).toBe(kind);
  });

  it('codes that are not about the disk or the file, or only end or contain like one, are no storage fault', () => {
    for (const code of [
      'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_MISUSE', 'SQLITE_INTERRUPT', 'ECONNRESET', 'ETIMEDOUT', 'EEXIST', '',
      'X_SQLITE_CORRUPT', 'SQLITE_NOTADB_X', 'SQLITE_FULL_X', 'XENOSPC', 'EDQUOT2', 'EFBIG_', 'NOT_SQLITE_READONLY', 'EROFS!', 'EACCES2', 'EPERM_',
      'NOT_SQLITE_IOERR', 'EIO2', 'NOT_SQLITE_BUSY', 'NOT_SQLITE_LOCKED', 'NOT_SQLITE_CANTOPEN', 'ENOENT2', 'ENOTDIR2',
      'sqlite_full', 'enospc', 'sqlite_corrupt',
    ]) {
      expect(storageFaultOf(withCode(code)), code).toBeNull();
    }
  });

  it('anything without a text code is no storage fault, and asking never throws', () => {
    for (const err of [null, undefined, 'SQLITE_FULL', 28, true, new Error('SQLITE_FULL: database or disk is full'), {}, { code: null }, { code: 13 }, { code: ['SQLITE_FULL'] }, withCode(undefined)]) {
      expect(storageFaultOf(err)).toBeNull();
    }
    // A function is not an error object, whatever it carries.
    expect(storageFaultOf(Object.assign(() => undefined, { code: 'SQLITE_FULL' }))).toBeNull();
  });

  it('a StorageFaultError is its own kind, whatever its cause says, and its message names the path and the cause', () => {
    const cause = withCode('SQLITE_IOERR_WRITE');
    const err = new StorageFaultError('full', '/data/daftar.sqlite', cause);
    expect(storageFaultOf(err)).toBe('full');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('StorageFaultError');
    expect(err.fault).toBe('full');
    expect(err.path).toBe('/data/daftar.sqlite');
    expect(err.cause).toBe(cause);
    expect(err.message).toBe('storage full: /data/daftar.sqlite (failed (SQLITE_IOERR_WRITE))');
    // A cause that is not an Error adds nothing to the message; no cause, nothing either.
    expect(new StorageFaultError('locked', '/data/daftar.sqlite', 'busy').message).toBe('storage locked: /data/daftar.sqlite');
    expect(new StorageFaultError('io', '/data/backups').message).toBe('storage io: /data/backups');
    expect(new StorageFaultError('io', '/data/backups').cause).toBeUndefined();
  });

  it('the list of kinds holds every kind a code can be, each once', async () => {
    // Loaded afresh (as a new process loads it): the list is made when the module loads.
    vi.resetModules();
    const fresh = await import('../../db/storage-faults');
    expect([...fresh.STORAGE_FAULTS].sort()).toEqual(Object.keys(KINDS).sort());
    expect(new Set(fresh.STORAGE_FAULTS).size).toBe(fresh.STORAGE_FAULTS.length);
  });
});
