/**
 * The shell's log: the one logger of main/api/log.ts, writing <userData>/logs/shell.log and
 * echoing to stderr, so a backend that keeps crashing can be diagnosed on a user's machine
 * after the fact. Secrets are redacted as in the backend's log.
 */
import { fileLogger, type LogFields, type Logger } from '../main/api/log';

export type { LogFields };
export type ShellLog = Logger;

const MAX_BYTES = 1024 * 1024;

export function createShellLog(file: string | null, now: () => number = Date.now): ShellLog {
  return fileLogger(file, { src: 'shell', echo: true, maxBytes: MAX_BYTES, now });
}
