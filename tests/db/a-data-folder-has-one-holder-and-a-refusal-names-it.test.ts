import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FolderInUseError, LOCK_FILE, lockDataFolder, OWNER_FILE, type FolderLock } from '../../db/folder-lock';
import { explainStartFailure } from '../../main/storage/faults';
import { START, tempDir } from './temp-folder';

/**
 * Every connection the lock opens, in order: the lock's own connection is the only handle on
 * the operating-system lock, so "a holder that died" is that connection closed without a
 * release. `sqliteSays` makes the next connection's first pragma fail with that SQLite code.
 */
const opened = vi.hoisted(() => [] as { db: Database.Database }[]);
const sqliteSays = vi.hoisted(() => ({ next: null as string | null }));
vi.mock('better-sqlite3', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: typeof Database }).default;
  function Recorded(file: string, options?: Database.Options): Database.Database {
    const db = new Real(file, options);
    opened.push({ db });
    const code = sqliteSays.next;
    if (code) {
      sqliteSays.next = null;
      db.pragma = () => {
        throw Object.assign(new Error(`${code} (from the test)`), { code });
      };
    }
    return db;
  }
  return { default: Recorded };
});

const dirs: string[] = [];
const locks: FolderLock[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  sqliteSays.next = null;
  try {
    for (const l of locks.splice(0)) l.release();
  } finally {
    for (const { db } of opened.splice(0)) if (db.open) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
});

function folder(label: string): string {
  const d = tempDir(label);
  dirs.push(d);
  return d;
}

function take(dir: string, program = 'app', now: () => number = () => START): FolderLock {
  const l = lockDataFolder(dir, program, now);
  locks.push(l);
  return l;
}

/** The error a second taker gets (fails the test when there is none). */
function refusal(dir: string, program = 'store tool'): FolderInUseError {
  try {
    take(dir, program);
  } catch (err) {
    expect(err).toBeInstanceOf(FolderInUseError);
    return err as FolderInUseError;
  }
  throw new Error(`the folder ${dir} was taken twice`);
}

const note = (dir: string) => JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as unknown;
const writeNote = (dir: string, content: unknown) =>
  writeFileSync(join(dir, OWNER_FILE), typeof content === 'string' ? content : JSON.stringify(content));
const mode = (file: string) => statSync(file).mode & 0o777;

/** The pid of a process of this host that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.pid).toBeGreaterThan(0);
  return child.pid!;
}

/** Counts the pauses of a refusal that waits for the holder's note, without sleeping through them. */
function pauses(onPause: (n: number) => void = () => {}): number[] {
  const ms: number[] = [];
  vi.spyOn(Atomics, 'wait').mockImplementation((_array, _index, _value, timeout) => {
    ms.push(timeout ?? Infinity);
    onPause(ms.length);
    return 'timed-out';
  });
  return ms;
}

describe('a data folder has one holder, and a refusal names it', () => {
  it('taking a free folder creates the lock file and a note of who holds it (pid, host, program, since), both readable by their owner alone', () => {
    const dir = folder('lock-take');
    const lock = take(dir, 'web host');
    expect(lock.dataDir).toBe(dir);
    expect(lock.previousOwnerCrashed).toBe(false);
    expect(note(dir)).toEqual({ pid: process.pid, host: hostname(), program: 'web host', since: START });
    expect(mode(join(dir, LOCK_FILE))).toBe(0o600);
    expect(mode(join(dir, OWNER_FILE))).toBe(0o600);
  });

  it('the lock file and the note keep the names every version of Daftar and the store tool look for', async () => {
    // Loaded afresh, so that the names are read as this version defines them now.
    vi.resetModules();
    const fresh = await import('../../db/folder-lock');
    expect([fresh.LOCK_FILE, fresh.OWNER_FILE]).toEqual(['daftar.lock', 'lock-owner.json']);
    const dir = folder('lock-names');
    locks.push(fresh.lockDataFolder(dir, 'app', () => START));
    expect(existsSync(join(dir, 'daftar.lock'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'lock-owner.json'), 'utf8'))).toMatchObject({ pid: process.pid, program: 'app' });
  });

  it('without a clock of its own the note is stamped with the wall clock', () => {
    const dir = folder('lock-wall-clock');
    const before = Date.now();
    locks.push(lockDataFolder(dir, 'app'));
    const since = (note(dir) as { since: number }).since;
    expect(since).toBeGreaterThanOrEqual(before);
    expect(since).toBeLessThanOrEqual(Date.now());
  });

  it('while the folder is held a second taker is refused at once, with a sentence naming the folder and the holding process', () => {
    const dir = folder('lock-refuse');
    take(dir, 'app');
    const waits = pauses();
    const err = refusal(dir);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('FolderInUseError');
    expect(err.dataDir).toBe(dir);
    expect(err.owner).toEqual({ pid: process.pid, host: hostname(), program: 'app', since: START });
    expect(err.message).toBe(`The data folder ${dir} is in use by process ${process.pid} on ${hostname()} (app), since 2025-03-21T08:00:00.000Z.`);
    // The holder is alive and its note is there: no reading again.
    expect(waits).toEqual([]);
    // The refused taker leaves nothing open, and the holder's note is untouched.
    expect(opened).toHaveLength(2);
    expect(opened[1]!.db.open).toBe(false);
    expect(note(dir)).toMatchObject({ program: 'app' });
  });

  it('the lock never waits for a busy file: its connection has no busy timeout and keeps its lock until it closes', () => {
    const dir = folder('lock-no-wait');
    take(dir);
    const held = opened[0]!.db;
    expect(held.pragma('busy_timeout', { simple: true })).toBe(0);
    expect(held.pragma('locking_mode', { simple: true })).toBe('exclusive');
    // A plain reader of the lock file is shut out too: the holder keeps its exclusive lock.
    const reader = new (opened[0]!.db.constructor as typeof Database)(join(dir, LOCK_FILE), { timeout: 0 });
    try {
      expect(() => reader.prepare('SELECT pid FROM holder').get()).toThrow(/locked/);
    } finally {
      reader.close();
    }
  });

  it('the sentence a person reads names the folder and the holding process, in Persian and in English', () => {
    const dir = folder('lock-sentence');
    take(dir, 'web host');
    const sentence = explainStartFailure(refusal(dir), dir);
    const [fa, en] = sentence.split('\n');
    expect(fa).toContain(dir);
    expect(fa).toContain(String(process.pid));
    expect(fa).toMatch(/در دست دفترِ دیگری است/);
    expect(en).toBe(`The data folder ${dir} is in use by another Daftar (process ${process.pid} on ${hostname()}, web host). Close that one first, or use another folder.`);
  });

  it('release removes the note and frees the folder; the next taker is not told of a crash', () => {
    const dir = folder('lock-release');
    const first = take(dir);
    first.release();
    expect(existsSync(join(dir, OWNER_FILE))).toBe(false);
    expect(opened[0]!.db.open).toBe(false);
    const second = take(dir, 'store tool');
    expect(second.previousOwnerCrashed).toBe(false);
    expect(note(dir)).toMatchObject({ pid: process.pid, program: 'store tool' });
  });

  it('release is safe to call twice: the second call does not touch the note of a newer holder', () => {
    const dir = folder('lock-release-twice');
    const first = take(dir, 'app');
    first.release();
    take(dir, 'store tool');
    first.release();
    expect(note(dir)).toMatchObject({ program: 'store tool' });
    expect(refusal(dir).owner).toMatchObject({ program: 'store tool' });
  });

  it('release still frees the folder when the note is already gone', () => {
    const dir = folder('lock-release-no-note');
    const lock = take(dir);
    rmSync(join(dir, OWNER_FILE));
    expect(() => lock.release()).not.toThrow();
    expect(take(dir).previousOwnerCrashed).toBe(false);
  });

  it('a holder that died (its lock gone with it, its note left behind) does not stop the next taker, who learns the last one did not stop cleanly', () => {
    const dir = folder('lock-stale');
    take(dir, 'web host');
    // What a crash or kill -9 leaves: the operating system drops the lock, the note stays.
    opened[0]!.db.close();
    writeNote(dir, { pid: deadPid(), host: hostname(), program: 'web host', since: 1 });
    const next = take(dir, 'app', () => START + 60_000);
    expect(next.previousOwnerCrashed).toBe(true);
    expect(note(dir)).toEqual({ pid: process.pid, host: hostname(), program: 'app', since: START + 60_000 });
    expect(refusal(dir).owner).toMatchObject({ pid: process.pid, program: 'app' });
  });

  it('a note left behind readable by all (an older version wrote it 644) is readable by its owner alone once the folder is taken', () => {
    const dir = folder('lock-stale-note-mode');
    writeNote(dir, { pid: deadPid(), host: hostname(), program: 'app', since: 1 });
    chmodSync(join(dir, OWNER_FILE), 0o644);
    writeFileSync(join(dir, LOCK_FILE), '');
    chmodSync(join(dir, LOCK_FILE), 0o644);
    expect(take(dir).previousOwnerCrashed).toBe(true);
    expect(mode(join(dir, OWNER_FILE))).toBe(0o600);
    expect(mode(join(dir, LOCK_FILE))).toBe(0o600);
  });

  it('a note from a stale lock with a dead pid of another host is taken over just the same', () => {
    const dir = folder('lock-stale-other-host');
    writeNote(dir, { pid: 999_999, host: 'elsewhere', program: 'app', since: 1 });
    const lock = take(dir);
    expect(lock.previousOwnerCrashed).toBe(true);
    expect(note(dir)).toMatchObject({ pid: process.pid, host: hostname() });
  });

  it('a note that cannot be read or lacks the pid or the host is no note: no crash is reported', () => {
    for (const [i, content] of ['not json', '', { pid: '42', host: 'h' }, { pid: 42 }, { host: 'h' }, { pid: 42, host: 7 }].entries()) {
      const dir = folder(`lock-bad-note-${i}`);
      writeNote(dir, content);
      expect(take(dir).previousOwnerCrashed, JSON.stringify(content)).toBe(false);
    }
  });

  it('a note with only the pid and the host names that holder, with no program and the start of time', () => {
    const dir = folder('lock-thin-note');
    take(dir);
    writeNote(dir, { pid: 4242, host: 'elsewhere' });
    const waits = pauses();
    const err = refusal(dir);
    expect(err.owner).toEqual({ pid: 4242, host: 'elsewhere', program: '', since: 0 });
    expect(err.message).toBe(`The data folder ${dir} is in use by process 4242 on elsewhere (), since 1970-01-01T00:00:00.000Z.`);
    expect(waits).toEqual([]);
  });

  it('a refused taker reads the note again while the holder has not written it yet, and names the holder once it appears', () => {
    const dir = folder('lock-late-note');
    take(dir, 'app');
    rmSync(join(dir, OWNER_FILE));
    const waits = pauses((n) => {
      if (n === 3) writeNote(dir, { pid: process.pid, host: hostname(), program: 'late', since: START });
    });
    const err = refusal(dir);
    expect(waits).toHaveLength(3);
    expect(err.owner).toEqual({ pid: process.pid, host: hostname(), program: 'late', since: START });
  });

  it('with no note at all a refused taker reads again for half a second, then says "another process"', () => {
    const dir = folder('lock-no-note');
    take(dir, 'app');
    rmSync(join(dir, OWNER_FILE));
    const waits = pauses();
    const err = refusal(dir);
    expect(waits).toHaveLength(20);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(500);
    expect(err.owner).toBeNull();
    expect(err.message).toBe(`The data folder ${dir} is in use by another process.`);
    const sentence = explainStartFailure(err, dir);
    expect(sentence).toContain(dir);
    expect(sentence).toMatch(/in use by another program/);
    expect(sentence).toMatch(/در دست برنامهٔ دیگری است/);
  });

  it('a note naming a gone process of this host is read again, since the real holder is about to write its own', () => {
    const dir = folder('lock-gone-note');
    take(dir, 'app');
    writeNote(dir, { pid: deadPid(), host: hostname(), program: 'crashed', since: 1 });
    const waits = pauses((n) => {
      if (n === 2) writeNote(dir, { pid: process.pid, host: hostname(), program: 'app', since: START });
    });
    const err = refusal(dir);
    expect(waits).toHaveLength(2);
    expect(err.owner).toMatchObject({ pid: process.pid, program: 'app' });
  });

  it('a note naming a process of this host that cannot be signalled (another user\'s) is believed at once', () => {
    const dir = folder('lock-eperm');
    take(dir, 'app');
    writeNote(dir, { pid: 31_337, host: hostname(), program: 'web host', since: START });
    const kill = vi.spyOn(process, 'kill').mockImplementation((pid) => {
      throw Object.assign(new Error(`kill ${pid}: operation not permitted`), { code: 'EPERM' });
    });
    const waits = pauses();
    const err = refusal(dir);
    expect(kill).toHaveBeenCalledWith(31_337, 0);
    expect(waits).toEqual([]);
    expect(err.owner).toMatchObject({ pid: 31_337, program: 'web host' });
  });

  it('a note naming a process that does not exist on this host is read again until the wait is over', () => {
    const dir = folder('lock-esrch');
    take(dir, 'app');
    writeNote(dir, { pid: 31_337, host: hostname(), program: 'web host', since: START });
    vi.spyOn(process, 'kill').mockImplementation((pid) => {
      throw Object.assign(new Error(`kill ${pid}: no such process`), { code: 'ESRCH' });
    });
    const waits = pauses();
    refusal(dir);
    expect(waits).toHaveLength(20);
  });

  it('a note from another host is believed at once: its pid means nothing here', () => {
    const dir = folder('lock-other-host');
    take(dir, 'app');
    writeNote(dir, { pid: deadPid(), host: 'elsewhere', program: 'web host', since: START });
    const kill = vi.spyOn(process, 'kill');
    const waits = pauses();
    const err = refusal(dir);
    expect(waits).toEqual([]);
    expect(kill).not.toHaveBeenCalled();
    expect(err.owner).toMatchObject({ host: 'elsewhere', program: 'web host' });
  });

  it('SQLite\'s other word for a lock held elsewhere (SQLITE_LOCKED) is a refusal too; its other errors are thrown as they are', () => {
    const dir = folder('lock-sqlite-locked');
    take(dir, 'app');
    sqliteSays.next = 'SQLITE_LOCKED';
    expect(refusal(dir).owner).toMatchObject({ pid: process.pid, program: 'app' });
    expect(opened[1]!.db.open).toBe(false);
    sqliteSays.next = 'SQLITE_IOERR';
    expect(() => take(dir)).toThrow(expect.objectContaining({ code: 'SQLITE_IOERR' }));
    expect(opened[2]!.db.open).toBe(false);
  });

  it('a lock file that is not a database is an error of its own, thrown as it is and not called a refusal', () => {
    const dir = folder('lock-not-a-db');
    writeFileSync(join(dir, LOCK_FILE), 'this is not a SQLite file, but it is long enough to have a header of a hundred bytes or so....');
    let error: unknown;
    try {
      take(dir);
    } catch (err) {
      error = err;
    }
    expect(error).not.toBeInstanceOf(FolderInUseError);
    expect(error).toMatchObject({ code: 'SQLITE_NOTADB' });
    expect(opened[0]!.db.open).toBe(false);
    expect(existsSync(join(dir, OWNER_FILE))).toBe(false);
  });

  it('a note that cannot be written is thrown as it is and leaves the folder free', () => {
    const dir = folder('lock-note-unwritable');
    mkdirSync(join(dir, OWNER_FILE));
    expect(() => take(dir)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(opened[0]!.db.open).toBe(false);
    rmSync(join(dir, OWNER_FILE), { recursive: true });
    expect(take(dir).previousOwnerCrashed).toBe(false);
  });
});
