/** The server's log: JSON lines on stderr (a service manager keeps them), secrets never written. */
export interface ServerLog {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const SECRET = /pass|token|secret|authorization|cookie|hash/i;

function clean(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      SECRET.test(k) ? '[redacted]' : v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    ]),
  );
}

export function streamLog(write: (line: string) => void = (l) => process.stderr.write(l)): ServerLog {
  const line = (level: string, msg: string, data?: Record<string, unknown>) =>
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...clean(data) })}\n`);
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}

export const silentLog: ServerLog = { info() {}, warn() {}, error() {} };
