import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToPrune, parseBackupName, type BackupInfo, type BackupReason } from '../../db/backup';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2025, 2, 21, 2, 0, 0);

function backup(at: number, reason: BackupReason = 'daily'): BackupInfo {
  const name = backupFileName(at, reason);
  return { name, file: `/b/${name}`, at, reason, bytes: 1 };
}

describe('backup names', () => {
  it('say when (UTC, to the millisecond) and why, and read back', () => {
    const at = Date.UTC(2025, 2, 21, 8, 5, 9, 42);
    expect(backupFileName(at, 'pre-migration')).toBe('daftar-20250321T080509042Z-pre-migration.sqlite');
    expect(parseBackupName('daftar-20250321T080509042Z-pre-migration.sqlite')).toEqual({ at, reason: 'pre-migration' });
    for (const reason of ['daily', 'manual', 'before-restore'] as const) {
      expect(parseBackupName(backupFileName(at, reason))).toEqual({ at, reason });
    }
  });

  it('anything else in the folder is not a backup', () => {
    for (const name of [
      '.partial-daftar-20250321T080509042Z-daily.sqlite',
      'daftar-20250321T080509042Z-hourly.sqlite',
      'daftar-20250321T080509Z-daily.sqlite',
      'daftar-20250321T080509042Z-daily.sqlite-wal',
      'notes.txt',
    ]) {
      expect(parseBackupName(name), name).toBeNull();
    }
  });
});

describe('retention: 7 daily and 4 weekly', () => {
  it('keeps the newest of each of the 7 newest days and of each of the 4 newest weeks, and drops the rest', () => {
    // Two automatic backups a day for 60 days.
    const list = Array.from({ length: 60 }, (_, d) => [backup(T0 - d * DAY), backup(T0 - d * DAY - 3600_000)]).flat();
    const dropped = new Set(backupsToPrune(list).map((b) => b.name));
    const kept = list.filter((b) => !dropped.has(b.name)).sort((a, b) => b.at - a.at);
    const dailyKept = kept.filter((b) => b.at > T0 - 7 * DAY);
    expect(dailyKept.map((b) => b.at)).toEqual(Array.from({ length: 7 }, (_, d) => T0 - d * DAY));
    const older = kept.filter((b) => b.at <= T0 - 7 * DAY);
    // The 4 newest weeks each keep their newest; weeks already kept by a daily add no other copy.
    const weekOf = (t: number) => Math.floor(t / (7 * DAY));
    const weeks = [...new Set(list.map((b) => weekOf(b.at)))].sort((a, b) => b - a).slice(0, 4);
    for (const b of older) expect(weeks).toContain(weekOf(b.at));
    for (const w of weeks) {
      const newestOfWeek = list.filter((b) => weekOf(b.at) === w).sort((a, b) => b.at - a.at)[0]!;
      expect(kept).toContain(newestOfWeek);
    }
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(kept.length).toBeGreaterThanOrEqual(8);
  });

  it('never drops manual copies or the copies kept before a restore, however old', () => {
    const list = [
      ...Array.from({ length: 30 }, (_, d) => backup(T0 - d * DAY)),
      backup(T0 - 400 * DAY, 'manual'),
      backup(T0 - 300 * DAY, 'before-restore'),
    ];
    const dropped = backupsToPrune(list);
    expect(dropped.some((b) => b.reason === 'manual' || b.reason === 'before-restore')).toBe(false);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('counts copies taken before a migration as automatic ones', () => {
    const list = [backup(T0, 'pre-migration'), backup(T0 - 3600_000, 'daily')];
    expect(backupsToPrune(list).map((b) => b.reason)).toEqual(['daily']);
  });

  it('with few backups drops nothing', () => {
    const list = Array.from({ length: 5 }, (_, d) => backup(T0 - d * DAY));
    expect(backupsToPrune(list)).toEqual([]);
    expect(backupsToPrune([])).toEqual([]);
  });
});
