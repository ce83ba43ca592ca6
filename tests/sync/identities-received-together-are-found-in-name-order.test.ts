import { describe, expect, it } from 'vitest';
import { sortKey } from '../../main/identities/names';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { ok, withBackend } from '../api/backend-fixture';

describe('identities whose names changed together outside the service (received by sync)', () => {
  it('are re-indexed in one go: listed in their new name order and found by their new names', async () => {
    await withBackend('received-renames', async ({ backend }) => {
      const identities = backend.service<IdentityService>('identities');
      const me = backend.caller().userId;
      const ids = ['آرش', 'بهرام', 'تورج', 'جمشید', 'داریوش'].map(
        (first) => identities.create(IdentityCreate.parse({ kind: 'person', firstName: first, lastName: 'کاظمی' }), me).id,
      );
      // As a received page applies rows: several names change before any is re-indexed, and
      // the first and last swap places in name order.
      const rename = backend.db.prepare('UPDATE identities SET first_name = ?, display_name = ?, sort_key = ? WHERE id = ?');
      backend.db.transaction(() => {
        for (const [first, id] of [['یاسمن', ids[0]!], ['الف', ids[4]!]] as const) {
          rename.run(first, `${first} کاظمی`, sortKey({ kind: 'person', firstName: first, lastName: 'کاظمی' }), id);
        }
        identities.refreshSearch('identities', [ids[0]!, ids[4]!]);
      })();
      const page = await ok(backend, 'identities.list', { limit: 10 });
      expect(page.items.map((i) => i.displayName)).toEqual(['الف کاظمی', 'بهرام کاظمی', 'تورج کاظمی', 'جمشید کاظمی', 'یاسمن کاظمی']);
      const found = await ok(backend, 'identities.list', { query: 'یاسمن' });
      expect(found.items.map((i) => i.id)).toEqual([ids[0]]);
    });
  });
});
