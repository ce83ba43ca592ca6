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
    // Attempts at once for one name (two desks of one person signing in together) each take
    // their own turn of the count: an attempt that lost the compare-and-set reads the count
    // again, and is refused only when that count says the name must wait. Every turn is a
    // count another attempt made, so the loop ends within the free attempts.
    for (let turn = 0; turn <= this.policy.free + 1; turn++) {
      await this.sql.run('INSERT INTO sign_in_attempts (username, failures, last_failed_at) VALUES (?, 0, 0) ON CONFLICT (username) DO NOTHING', [key]);
      const row = await this.sql.get<{ failures: number; last_failed_at: number }>(
        'SELECT failures, last_failed_at FROM sign_in_attempts WHERE username = ?',
        [key],
      );
      const failures = Number(row?.failures ?? 0);
      // Within the free attempts there is no wait, even when another attempt counted a moment after this one began.
      const wait = waitAfter(failures, this.policy);
      const waitMs = wait > 0 ? Number(row?.last_failed_at ?? 0) + wait - at : 0;
      if (waitMs > 0) return { ok: false, waitMs, failures };
      const counted = await this.sql.run('UPDATE sign_in_attempts SET failures = ?, last_failed_at = ? WHERE username = ? AND failures = ?', [
        failures + 1,
        at,
        key,
        failures,
      ]);
      if (counted === 1) return { ok: true };
    }
    // Still losing after that many turns: this one waits as if it came after the others.
    return { ok: false, waitMs: Math.max(waitAfter(this.policy.free, this.policy), 1000), failures: this.policy.free };
  }

  /** A right password: the count starts again. */
  async clear(username: string): Promise<void> {
    await this.sql.run('DELETE FROM sign_in_attempts WHERE username = ?', [username.toLowerCase()]);
  }
}
