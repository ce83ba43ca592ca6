/**
 * The shell's log: one JSON line per entry, to stderr and to <userData>/logs/shell.log,
 * so a backend that keeps crashing can be diagnosed on a user's machine after the fact.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 1024 * 1024;

export type LogFields = Record<string, unknown>;

export interface ShellLog {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createShellLog(file: string | null, now: () => number = Date.now): ShellLog {
  if (file) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // The shell writes a few lines per run; one rotation at start keeps the file small.
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
    } catch {
      file = null;
    }
  }
  const write = (level: string, msg: string, fields?: LogFields) => {
    const line = JSON.stringify({ t: new Date(now()).toISOString(), level, src: 'shell', msg, ...fields });
    process.stderr.write(line + '\n');
    // Synchronous: a few lines per run, kept in order, and on disk before a crash that follows.
    // Losing a log line is better than failing the caller; there is nowhere else to report it.
    if (file) {
      try {
        appendFileSync(file, line + '\n');
      } catch {
        /* the disk is full or the folder is gone: the line still went to stderr */
      }
    }
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}
