import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../database/database';

export interface TokenOwner {
  userId: string;
  clientId: string;
}

export type TokenCheck = { ok: true; owner: TokenOwner } | { ok: false; reason: 'missing' | 'expired' | 'disabled' };

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sign-in tokens: random, stored only as their hash, bound to one user and one desk, expiring. */
export class Tokens {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
    readonly ttlMs: number,
  ) {}

  async issue(owner: TokenOwner): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    await this.sql.run('INSERT INTO tokens (token_hash, user_id, client_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      digest(token),
      owner.userId,
      owner.clientId,
      now,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  async check(token: string | null): Promise<TokenCheck> {
    if (!token || token.length > 200) return { ok: false, reason: 'missing' };
    const row = await this.sql.get<{ user_id: string; client_id: string; expires_at: number; revoked_at: number | null; disabled_at: number | null }>(
      `SELECT t.user_id, t.client_id, t.expires_at, t.revoked_at, a.disabled_at
       FROM tokens t JOIN accounts a ON a.user_id = t.user_id WHERE t.token_hash = ?`,
      [digest(token)],
    );
    if (!row || row.revoked_at !== null) return { ok: false, reason: 'missing' };
    if (row.expires_at <= this.now()) return { ok: false, reason: 'expired' };
    if (row.disabled_at !== null) return { ok: false, reason: 'disabled' };
    return { ok: true, owner: { userId: row.user_id, clientId: row.client_id } };
  }

  async revoke(token: string): Promise<void> {
    await this.sql.run('UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [this.now(), digest(token)]);
  }

  async revokeAllOf(userId: string): Promise<number> {
    return this.sql.run('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [this.now(), userId]);
  }
}
