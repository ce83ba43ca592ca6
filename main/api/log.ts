/**
 * The one logger of Daftar, used by the Electron shell (logs/shell.log) and by the backend
 * (logs/backend.log, under Electron and under the web host): JSON lines, values under
 * secret-looking keys redacted, files readable only by their owner.
 *
 * Node built-ins only, no capability: electron/ may import main/api (docs/architecture.md).
 */
import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const SECRET_KEY = /pass(word|phrase|wd)?|secret|token|authori[sz]ation|cookie|api[-_]?key|private[-_]?key|credential|otp/i;
const MAX_DEPTH = 6;

/** Values under secret-looking keys never reach the log, however deep they sit. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Deeper than this is not read, so it cannot be checked for secrets either.
  if (depth > MAX_DEPTH) return '[truncated]';
  if (value instanceof Error) {
    const extra = redact({ ...value }, depth + 1) as object;
    return { name: value.name, message: value.message, stack: value.stack, ...extra };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

/** One log line: time, level, source, message, then the redacted fields (which cannot overwrite those four). */
export function formatLine(at: Date, level: string, src: string, message: string, fields?: LogFields): string {
  const head = { at: at.toISOString(), level, src, message };
  // The four come first in every line; assigning them again after the fields keeps them first and wins.
  return JSON.stringify(Object.assign({ ...head, ...(redact(fields ?? {}) as object) }, head));
}

export interface FileLoggerOptions {
  /** Who writes: 'backend', 'shell', 'webhost'. */
  src: string;
  /** Also write every line to stderr (the shell does: its stderr is the terminal that started it). */
  echo?: boolean;
  /** Rotated once (to `<file>.1`) when it grows past this. */
  maxBytes?: number;
  now?: () => number;
  /** Where lines go when the file cannot be written (and where echoed lines go). */
  stderr?: (line: string) => void;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * JSON lines appended to `file` (or only to stderr when `file` is null). Writes are
 * synchronous and small: a crash right after an error must not lose the line about it.
 * A line that cannot be written to the file (disk full, read-only file system, folder
 * gone) goes to stderr instead, so a failing start is never silent; the log itself never
 * throws. The folder is made 700 and the file 600: other local users must not read it.
 */
export function fileLogger(file: string | null, options: FileLoggerOptions = { src: 'backend' }): Logger {
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const stderr = options.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let fileWorks = file !== null;
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Files made by older versions were 644.
      if (statSync(file, { throwIfNoEntry: false })) chmodSync(file, 0o600);
    } catch {
      // Reported with the first line that cannot be written.
    }
  }

  const write = (level: string, message: string, fields?: LogFields) => {
    const line = formatLine(new Date(now()), level, options.src, message, fields);
    let written = false;
    if (file) {
      try {
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxBytes) renameSync(file, `${file}.1`);
        appendFileSync(file, `${line}\n`, { mode: 0o600 });
        written = true;
        fileWorks = true;
      } catch (err) {
        if (fileWorks) {
          fileWorks = false;
          stderr(formatLine(new Date(now()), 'warn', options.src, 'log file cannot be written; logging to stderr', { file, error: String(err) }));
        }
      }
    }
    if (options.echo || !written) stderr(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
