import type { Sql } from '../database/database';

export interface BackoffPolicy {
  /** Wrong passwords in a row that cost nothing. */
  free: number;
  /** The first wait; each further wrong password doubles it. */
  firstWaitMs: number;
  maxWaitMs: number;
}

/**
 * A name with no wrong password for this long after its longest wait starts again with its
 * free attempts, and its row is deleted: a person who mistyped last month is not made to
 * wait today, and rows for guessed names do not pile up. A guesser gets `free` tries an hour.
 */
export const QUIET_MS = 60 * 60_000;

export const DEFAULT_BACKOFF: BackoffPolicy = { free: 5, firstWaitMs: 1000, maxWaitMs: 5 * 60_000 };

/** How long a username must wait after `failures` wrong passwords in a row. */
export function waitAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstWaitMs * 2 ** Math.min(failures - policy.free, 30), policy.maxWaitMs);
}

/** Whether a password may be checked now; when not, how long to wait. */
export type Admission = { ok: true } | { ok: false; waitMs: number; failures: number };

/**
 * The slow-down for password guessing, counted in the database so that every server
 * instance on it sees the same attempts (issue 10 §6). An attempt is counted *before* its
 * password is checked (compare-and-set on the count): guesses sent side by side cannot all
 * slip through while the first is still being hashed; a right password then clears the row.
 */
export class SignInAttempts {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  async admit(username: string): Promise<Admission> {
    const key = username.toLowerCase();
    const at = this.now();
    await this.sql.run('DELETE FROM sign_in_attempts WHERE last_failed_at > 0 AND last_failed_at < ?', [at - this.policy.maxWaitMs - QUIET_MS]);
    await this.sql.run('INSERT INTO sign_in_attempts (username, failures, last_failed_at) VALUES (?, 0, 0) ON CONFLICT (username) DO NOTHING', [key]);
    const row = await this.sql.get<{ failures: number; last_failed_at: number }>(
      'SELECT failures, last_failed_at FROM sign_in_attempts WHERE username = ?',
      [key],
    );
    const failures = Number(row?.failures ?? 0);
    const waitMs = Number(row?.last_failed_at ?? 0) + waitAfter(failures, this.policy) - at;
    if (waitMs > 0) return { ok: false, waitMs, failures };
    const counted = await this.sql.run('UPDATE sign_in_attempts SET failures = ?, last_failed_at = ? WHERE username = ? AND failures = ?', [
      failures + 1,
      at,
      key,
      failures,
    ]);
    // Another attempt for this name was counted in between (on this instance or another): this one waits as if it came after it.
    if (counted === 0) return { ok: false, waitMs: Math.max(waitAfter(failures + 1, this.policy), 1000), failures: failures + 1 };
    return { ok: true };
  }

  /** A right password: the count starts again. */
  async clear(username: string): Promise<void> {
    await this.sql.run('DELETE FROM sign_in_attempts WHERE username = ?', [username.toLowerCase()]);
  }
}
