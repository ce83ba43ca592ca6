import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { displayName, sortKey } from '../../main/identities/names';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { ok, startBackend, tempDir, type TestBackend } from '../api/backend-fixture';

const open: TestBackend[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.backend.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<TestBackend> {
  const t = await startBackend('rebuild', dataDir);
  open.push(t);
  return t;
}

const names = async (t: TestBackend, query: string) =>
  (await ok(t.backend, 'identities.list', { query, limit: 50 })).items.map((i) => i.displayName);

describe('the search index', () => {
  it('is built from the rows of a store made before migration 0005', async () => {
    const dir = tempDir('rebuild-upgrade');
    dirs.push(dir);
    // The store as the previous version left it: identities with phones, its old index.
    const db = openDatabase(join(dir, 'daftar.sqlite'), MIGRATIONS.slice(0, 4));
    const person = (rid: number, firstName: string, lastName: string, phone: string | null) => {
      const id = `0195b7b7-5400-7000-8000-${String(rid).padStart(12, '0')}`;
      const n = { kind: 'person' as const, firstName, lastName };
      db.prepare(
        `INSERT INTO identities (rid, id, kind, first_name, last_name, display_name, sort_key, created_at, updated_at)
         VALUES (?, ?, 'person', ?, ?, ?, ?, 0, 0)`,
      ).run(rid, id, firstName, lastName, displayName(n), sortKey(n));
      if (phone) {
        db.prepare(
          `INSERT INTO identity_phones (id, identity_id, kind, number, e164, display, created_at, updated_at)
           VALUES (?, ?, 'mobile', ?, ?, ?, 0, 0)`,
        ).run(`0195b7b7-5400-7000-9000-${String(rid).padStart(12, "0")}`, id, phone, `+98${phone.slice(1)}`, phone);
      }
      db.prepare('INSERT INTO identity_fts (rowid, body) VALUES (?, ?)').run(rid, displayName(n));
    };
    person(1, 'کیوان', 'یزدانی', '09121234567');
    person(2, 'زهرا', 'کریمی', null);
    person(3, 'علی', 'احمدی', '09357654321');
    db.close();

    const t = await start(dir);
    expect(t.backend.db.prepare('SELECT count(*) FROM pending_rebuilds').pluck().get()).toBe(0);
    expect(await names(t, 'كيوان')).toEqual(['کیوان یزدانی']);
    expect(await names(t, '4567')).toEqual(['کیوان یزدانی']);
    // A kind filter reads the index too: every person, in name order.
    expect((await ok(t.backend, 'identities.list', { kind: 'person', limit: 50 })).items.map((i) => i.displayName)).toEqual([
      'زهرا کریمی',
      'علی احمدی',
      'کیوان یزدانی',
    ]);
  });

  it('is rebuilt at the next start when an import was cut short', async () => {
    const first = await start(tempDir('rebuild-interrupted'));
    dirs.push(first.dataDir);
    await ok(first.backend, 'identities.create', { kind: 'person', firstName: 'نیما', lastName: 'تهرانی' });
    // What a crash in the middle of an import leaves: rows without their index, and the mark.
    first.backend.db.exec(`INSERT INTO pending_rebuilds (name) VALUES ('identity_fts');
      DELETE FROM identity_name_order; INSERT INTO identity_fts (identity_fts) VALUES ('delete-all');`);
    expect(await names(first, 'نیما')).toEqual([]);
    await first.backend.close();
    open.splice(0);

    const again = await start(first.dataDir);
    expect(await names(again, 'نیما')).toEqual(['نیما تهرانی']);
    expect(again.backend.db.prepare('SELECT count(*) FROM pending_rebuilds').pluck().get()).toBe(0);
  });

  it('is rebuilt even when the import itself fails half-way', async () => {
    const t = await start(tempDir('rebuild-failed-import'));
    dirs.push(t.dataDir);
    const author = t.backend.caller().userId;
    function* inputs() {
      yield IdentityCreate.parse({ kind: 'person', firstName: 'اول' });
      yield IdentityCreate.parse({ kind: 'person', firstName: 'دوم' });
      throw new Error('the file ended early');
    }
    expect(() => t.backend.service<IdentityService>('identities').importMany(inputs(), author, 1)).toThrow('the file ended early');
    expect(await names(t, 'اول')).toEqual(['اول']);
    expect(await names(t, 'دوم')).toEqual(['دوم']);
    expect(t.backend.db.prepare('SELECT count(*) FROM pending_rebuilds').pluck().get()).toBe(0);
  });
});
