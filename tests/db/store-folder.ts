/**
 * What the tests of db/storage.ts share: a note as a crashed holder leaves it, a log that
 * keeps its lines, files made immutable (root ignores file modes; the immutable flag stops
 * root too) and modes. Imports db/ only, not the backend: each mutant of `npm run mutate`
 * loads this again (build/stryker.config.mjs).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { OWNER_FILE } from '../../db/folder-lock';
import type { StorageLog } from '../../db/storage';
import { fillerStore, overwriteMiddleLeaves } from './damaged-store';
import { tempDir } from './temp-folder';

/** What a holder that crashed leaves behind: its note (its OS lock died with it). */
export function leaveCrashNote(dataDir: string): void {
  writeFileSync(join(dataDir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'elsewhere', program: 'web host', since: 1 }));
}

/**
 * A store made at `file` whose filler table has the cells at the end of three leaves
 * overwritten: the quick_check finds several problems (whole garbled pages give one).
 */
export function storeWithDamagedCells(file: string): string {
  fillerStore(file);
  overwriteMiddleLeaves(file, [0, 3, 6], -1096, 1000, 0xff);
  return file;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function recordingLog(): StorageLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
}

export const mode = (path: string): number => statSync(path).mode & 0o777;

/** Runs `body` with `path` immutable, and always clears the flag after (or the folder could not be removed). */
export async function whileImmutable<T>(path: string, body: () => T | Promise<T>): Promise<T> {
  execFileSync('chattr', ['+i', path]);
  try {
    return await body();
  } finally {
    execFileSync('chattr', ['-i', path]);
  }
}

/** Whether this file system has the immutable flag (ext4 has; tmpfs and overlay may not). */
export const canMakeImmutable: boolean = (() => {
  const dir = tempDir('immutable-probe');
  const file = join(dir, 'probe');
  try {
    writeFileSync(file, '');
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/**
 * A maker of temporary folders that are removed as each test ends, not when the file ends:
 * a mutation run stops a worker at a test that hangs, and whatever the file's earlier tests
 * made would stay behind.
 */
export function foldersRemovedAfterEachTest(): (label: string) => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return (label) => {
    const d = tempDir(label);
    dirs.push(d);
    return d;
  };
}
