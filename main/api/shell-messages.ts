/**
 * The messages between the Electron shell (electron/backend-process.ts) and the backend's
 * utilityProcess (main/host/utility.ts), written once for both: {type:'init', dataDir},
 * then {type:'connect', windowId} with a MessagePort per window, and {type:'shutdown'}.
 */
/** What the shell says to the backend process. */
export type ShellMessage =
  | { type: 'init'; dataDir: string; version?: string }
  | { type: 'connect'; windowId: number }
  | { type: 'shutdown' };

/** Accepts only a well-formed message; anything else on the port is ignored. */
export function parseShellMessage(data: unknown): ShellMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'init' && typeof m.dataDir === 'string' && m.dataDir !== '') {
    return { type: 'init', dataDir: m.dataDir, ...(typeof m.version === 'string' ? { version: m.version } : {}) };
  }
  if (m.type === 'connect' && typeof m.windowId === 'number') return { type: 'connect', windowId: m.windowId };
  if (m.type === 'shutdown') return { type: 'shutdown' };
  return null;
}

/**
 * The backend's one word to the shell besides secret requests: it cannot start, and a restart
 * would fail the same way (another Daftar holds the data folder, the disk is read-only). The
 * message is a Persian and an English sentence; the shell shows it and does not restart.
 */
export interface BackendFatal {
  type: 'fatal';
  message: string;
}

export function parseBackendFatal(data: unknown): BackendFatal | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  return m.type === 'fatal' && typeof m.message === 'string' && m.message !== '' ? { type: 'fatal', message: m.message } : null;
}
