import type { Store } from '../../db/writer';

export interface Credential {
  userId: string;
  passwordHash: string;
  failedAttempts: number;
  lastFailedAt: number | null;
}

/**
 * SQL for user_credentials (migration 0006). Device-local, like settings: these rows are
 * never written through Store.write, so no password hash ever enters the outbox.
 */
export class CredentialStore {
  constructor(private readonly store: Store) {}

  get(userId: string): Credential | undefined {
    const row = this.store
      .sql('SELECT user_id, password_hash, failed_attempts, last_failed_at FROM user_credentials WHERE user_id = ?')
      .get(userId) as { user_id: string; password_hash: string; failed_attempts: number; last_failed_at: number | null } | undefined;
    return row && { userId: row.user_id, passwordHash: row.password_hash, failedAttempts: row.failed_attempts, lastFailedAt: row.last_failed_at };
  }

  /** Sets (or replaces) a password; wrong attempts counted so far are forgotten. */
  set(userId: string, passwordHash: string, setBy: string | null, at: number): void {
    this.store
      .sql(
        `INSERT INTO user_credentials (user_id, password_hash, set_at, set_by, failed_attempts, last_failed_at)
         VALUES (?, ?, ?, ?, 0, NULL)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, set_at = excluded.set_at,
           set_by = excluded.set_by, failed_attempts = 0, last_failed_at = NULL`,
      )
      .run(userId, passwordHash, at, setBy);
  }

  recordFailure(userId: string, count: number, at: number): void {
    this.store.sql('UPDATE user_credentials SET failed_attempts = ?, last_failed_at = ? WHERE user_id = ?').run(count, at, userId);
  }

  clearFailures(userId: string): void {
    this.store.sql('UPDATE user_credentials SET failed_attempts = 0, last_failed_at = NULL WHERE user_id = ? AND failed_attempts > 0').run(userId);
  }

  /** Users of this device that have a password (active or not). */
  count(): number {
    return this.store.sql('SELECT count(*) FROM user_credentials').pluck().get() as number;
  }
}
