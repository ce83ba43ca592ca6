/**
 * Backups of the store: whole-file copies in <dataDir>/backups, verified after writing,
 * named for when and why they were taken, and pruned to 7 daily and 4 weekly.
 *
 * Copies are made with SQLite's online backup API (pages copied in small steps between
 * other work, a consistent snapshot even while the app writes), except the copy taken
 * before a migration: that one happens at start, before anything else runs, and must be
 * synchronous, so it uses VACUUM INTO (also a consistent snapshot, made by SQLite).
 * Either way a copy is written under a temporary name, switched to a single-file journal
 * mode, checked, and only then renamed into the list: a backup in the list is whole.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './connection';
import { checkDatabase } from './integrity';
import type { Migration } from './migrate';

export const BACKUP_REASONS = ['daily', 'pre-migration', 'manual', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  name: string;
  file: string;
  /** Epoch ms UTC, from the name. */
  at: number;
  reason: BackupReason;
  bytes: number;
}

export interface Verification {
  ok: boolean;
  problems: string[];
  /** The migrations the copy has applied. */
  migrations: string[];
}

const NAME = /^daftar-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.sqlite$/;
const PARTIAL_PREFIX = '.partial-';
const DAY_MS = 24 * 3600 * 1000;

export function backupFileName(at: number, reason: BackupReason): string {
  const iso = new Date(at).toISOString(); // 2025-03-21T08:00:00.000Z
  return `daftar-${iso.replace(/[-:]/g, '').replace('.', '')}-${reason}.sqlite`;
}

export function parseBackupName(name: string): { at: number; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const reason = m[8] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
  return Number.isNaN(at) ? null : { at, reason };
}

/** The backups in `dir`, newest first. Partial copies and other files are not listed. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const list: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    try {
      list.push({ name, file, ...parsed, bytes: statSync(file).size });
    } catch {
      // Removed meanwhile.
    }
  }
  return list.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/** Opens a copy read-only and checks it: SQLite's quick_check, and a list of migrations this version knows. */
export function verifyStoreFile(file: string, migrations: readonly Migration[]): Verification {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = checkDatabase(db, 'quick');
    if (!check.ok) return { ok: false, problems: check.problems, migrations: [] };
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY position').pluck().all() as string[];
    const unknown = applied.filter((name, i) => migrations[i]?.name !== name);
    if (unknown.length > 0) return { ok: false, problems: [`unknown migrations: ${unknown.join(', ')}`], migrations: applied };
    return { ok: true, problems: [], migrations: applied };
  } catch (err) {
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)], migrations: [] };
  } finally {
    db?.close();
  }
}

/** A copy made into `partial` becomes a verified, private, single-file backup at `final`. */
function finish(partial: string, final: string, migrations: readonly Migration[]): void {
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(partial, 0o600);
  const v = verifyStoreFile(partial, migrations);
  if (!v.ok) {
    rmSync(partial, { force: true });
    throw new Error(`backup did not verify: ${v.problems.join('; ')}`);
  }
  const fd = openSync(partial, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, final);
}

/** Two backups in one millisecond (a fast clock, a test) get the next millisecond's name, never the same file. */
function freeName(dir: string, at: number, reason: BackupReason): { name: string; at: number } {
  let t = at;
  while (existsSync(join(dir, backupFileName(t, reason)))) t += 1;
  return { name: backupFileName(t, reason), at: t };
}

function infoOf(dir: string, name: string, at: number, reason: BackupReason): BackupInfo {
  const file = join(dir, name);
  return { name, file, at, reason, bytes: statSync(file).size };
}

/**
 * Copies the store to `target` (a new file): online with the backup API, or synchronously
 * with VACUUM INTO. The copy is written next to the target under a temporary name and only
 * renamed to it once verified.
 */
export async function copyStore(db: Db, target: string, migrations: readonly Migration[]): Promise<void> {
  const partial = join(dirname(target), `${PARTIAL_PREFIX}${basename(target)}`);
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    finish(partial, target, migrations);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

export function copyStoreSync(db: Db, target: string, migrations: readonly Migration[]): void {
  const partial = join(dirname(target), `${PARTIAL_PREFIX}${basename(target)}`);
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    finish(partial, target, migrations);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** An online backup into `dir`; resolves once the copy is verified and listed. */
export async function writeBackup(
  db: Db,
  dir: string,
  reason: BackupReason,
  at: number,
  migrations: readonly Migration[],
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const free = freeName(dir, at, reason);
  await copyStore(db, join(dir, free.name), migrations);
  return infoOf(dir, free.name, free.at, reason);
}

/** A synchronous snapshot into `dir`, for the one moment nothing else may run: before a migration. */
export function writeSnapshotSync(
  db: Db,
  dir: string,
  reason: BackupReason,
  at: number,
  migrations: readonly Migration[],
): BackupInfo {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const free = freeName(dir, at, reason);
  copyStoreSync(db, join(dir, free.name), migrations);
  return infoOf(dir, free.name, free.at, reason);
}

/** Copies left by a backup that was interrupted (a crash mid-copy). Only call while holding the folder lock. */
export function removePartialBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed = names.filter((n) => n.startsWith(PARTIAL_PREFIX));
  for (const n of removed) rmSync(join(dir, n), { force: true });
  return removed;
}

/**
 * Which automatic backups (daily, pre-migration) retention drops: kept are the newest of
 * each of the 7 newest days that have one, and the newest of each of the 4 newest weeks
 * (7-day spans since the epoch). Manual copies and the copies kept before a restore are
 * the user's and are never pruned.
 */
export function backupsToPrune(list: readonly BackupInfo[], keepDaily = 7, keepWeekly = 4): BackupInfo[] {
  const automatic = [...list].filter((b) => b.reason === 'daily' || b.reason === 'pre-migration').sort((a, b) => b.at - a.at);
  const keep = new Set<BackupInfo>();
  const newestPer = (bucket: (b: BackupInfo) => number, count: number) => {
    const seen = new Set<number>();
    for (const b of automatic) {
      const k = bucket(b);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b);
    }
  };
  newestPer((b) => Math.floor(b.at / DAY_MS), keepDaily);
  newestPer((b) => Math.floor(b.at / (7 * DAY_MS)), keepWeekly);
  return automatic.filter((b) => !keep.has(b));
}

export function pruneBackups(dir: string, keepDaily = 7, keepWeekly = 4): BackupInfo[] {
  const drop = backupsToPrune(listBackups(dir), keepDaily, keepWeekly);
  for (const b of drop) rmSync(b.file, { force: true });
  return drop;
}
