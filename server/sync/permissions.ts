import type { Sql } from '../database/database';
import { tableRows } from './rows';

/**
 * What a user may do, from the synced organisation rows the server holds (the same `roles`
 * and `user_roles` every desk has): the union of their roles' permissions. An inactive or
 * deleted user has none.
 */
export async function permissionsOf(sql: Sql, userId: string): Promise<Set<string>> {
  const user = await sql.get<{ fields: string }>(
    "SELECT fields FROM rows WHERE table_name = 'users' AND row_id = ? AND deleted_at IS NULL",
    [userId],
  );
  if (!user || (JSON.parse(user.fields) as { active?: unknown }).active === 0) return new Set();
  const grants = (await tableRows(sql, 'user_roles')).filter((r) => r.fields.user_id === userId).map((r) => r.fields.role_id);
  if (grants.length === 0) return new Set();
  const roles = await tableRows(sql, 'roles');
  const permissions = new Set<string>();
  for (const role of roles) {
    if (!grants.includes(role.rowId)) continue;
    try {
      const list = JSON.parse(String(role.fields.permissions)) as unknown;
      if (Array.isArray(list)) for (const p of list) if (typeof p === 'string') permissions.add(p);
    } catch {
      // A role whose permissions are not a JSON list grants nothing.
    }
  }
  return permissions;
}

/** Audience text of a row: ' id1 id2 ' (matched with LIKE '% id %'): the users named, and its creator. */
export function audienceOf(value: unknown, creator: string | null = null): string | null {
  let ids: unknown[] = [];
  if (typeof value === 'string') {
    if (value.startsWith('[')) {
      try {
        const parsed = JSON.parse(value) as unknown;
        ids = Array.isArray(parsed) ? parsed : [];
      } catch {
        ids = [];
      }
    } else {
      ids = [value];
    }
  }
  const clean = [...ids, creator].filter((x): x is string => typeof x === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(x));
  return ` ${[...new Set(clean)].join(' ')} `;
}

export function inAudience(audience: string | null, userId: string): boolean {
  return audience === null || audience.includes(` ${userId} `);
}
