/**
 * IdentityService.importMany (the bench's fast fill, a future contact import) must leave the
 * store exactly as create() one by one does: the same rows, the same outbox, and the same
 * search data (only the label numbers may differ; their order may not).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it , beforeAll } from 'vitest';
import type { Db } from '../../db/connection';
import { IdentityCreate, type IdentityCreateInput } from '../../main/identities/schema';
import type { Clock } from '../../db/ids';
import { createBackend, type Backend } from '../../main/backend';
import type { IdentityService } from '../../main/identities/service';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, START, TEST_CAPABILITY_OPTIONS, ok, tempDir } from '../api/backend-fixture';

const FIRST = ['علی', 'زهرا', 'كيوان', 'مریم', 'Sara'];
const LAST = ['احمدی', 'یزدانی', 'کریمی'];

function inputs(count: number): IdentityCreateInput[] {
  return Array.from({ length: count }, (_, i) =>
    IdentityCreate.parse(
      i % 7 === 0
        ? { kind: 'organisation', organisationName: `شرکت ${i}`, tags: ['تامین کننده'] }
        : {
            kind: 'person',
            firstName: FIRST[i % FIRST.length],
            lastName: `${LAST[i % LAST.length]} ${i % 11}`,
            jobTitle: i % 5 === 0 ? 'مدیر' : undefined,
            tags: i % 3 === 0 ? ['مشتری'] : [],
            phones: [{ kind: 'mobile', number: i % 2 ? `۰۹۱۲۱۲${String(i).padStart(5, '۰')}` : `+98 935 ${String(1000000 + i)}` }],
            emails: i % 4 === 0 ? [{ kind: 'work', address: `user${i}@example.ir` }] : [],
          },
    ),
  );
}

/** Every row of every table, except the search index's own (compared by meaning below) and the migration times. */
function rowsOf(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE 'identity_fts%' AND name NOT LIKE 'identity_digits%' AND name NOT IN ('identity_name_order', 'schema_migrations', 'user_credentials') ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  // The administrator's password hash is salted at random: the two stores differ there by design.
  // Rows in a stable order whatever the table's kind (some are WITHOUT ROWID).
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

/** What the search index holds, by identity instead of by label: "id table term" lines. */
function searchData(db: Db): { order: string[]; terms: string[] } {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_vocab USING fts5vocab(main, 'identity_fts', 'instance');
           CREATE VIRTUAL TABLE IF NOT EXISTS temp.digits_vocab USING fts5vocab(main, 'identity_digits', 'instance');`);
  const order = db
    .prepare('SELECT i.id FROM identity_name_order n JOIN identities i ON i.rid = n.rid ORDER BY n.label')
    .pluck()
    .all() as string[];
  const terms = db
    .prepare(
      `SELECT i.id || ' ' || v.t || ' ' || v.term FROM
         (SELECT 'words' AS t, term, doc FROM temp.words_vocab UNION ALL SELECT 'digits', term, doc FROM temp.digits_vocab) v
       JOIN identity_name_order n ON n.label = v.doc JOIN identities i ON i.rid = n.rid ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
  return { order, terms };
}

/** Ids from a counter (UUIDv7 has random bits), so two stores given the same work are equal. */
function countingClock(): Clock {
  let n = 0;
  return { now: () => START, newId: () => `0195b7b7-5400-7000-8000-${(n++).toString(16).padStart(12, '0')}` };
}

async function backend(label: string): Promise<{ backend: Backend; dataDir: string }> {
  const dataDir = tempDir(label);
  const made = await createBackend({ dataDir, clock: countingClock(), logger: { info() {}, warn() {}, error() {} }, capabilityOptions: TEST_CAPABILITY_OPTIONS });
  // Signed in as the administrator, as after the first start (the lists need a reader).
  made.service<SessionService>('session').setUp(ADMIN_PASSWORD);
  return { backend: made, dataDir };
}

describe('an import', () => {
  let one: { backend: Backend; dataDir: string };
  let bulk: { backend: Backend; dataDir: string };
  beforeAll(async () => {
    one = await backend('import-one-by-one');
    bulk = await backend('import-bulk');
  });
  afterAll(async () => {
    for (const t of [one, bulk]) {
      await t.backend.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  it('writes the same rows, outbox and search data as creating each identity', () => {
    // Both stores start equal (same fixed clock, same bootstrap), then take the same input.
    expect(rowsOf(bulk.backend.db)).toEqual(rowsOf(one.backend.db));
    const author = one.backend.caller().userId;
    const all = inputs(300);
    for (const input of all) one.backend.service<IdentityService>('identities').create(input, author);
    const ids = bulk.backend.service<IdentityService>('identities').importMany(all, author, 64);

    expect(ids).toHaveLength(300);
    const rows = rowsOf(one.backend.db);
    expect(rows.identities).toHaveLength(300);
    expect((rows.change_log as unknown[]).length).toBeGreaterThan(600);
    expect(rowsOf(bulk.backend.db)).toEqual(rows);

    const expected = searchData(one.backend.db);
    expect(expected.order).toHaveLength(300);
    expect(expected.terms.length).toBeGreaterThan(3000);
    expect(searchData(bulk.backend.db)).toEqual(expected);
  });

  it('is listed and found like any identity', async () => {
    for (const t of [one, bulk]) {
      const page = await ok(t.backend, 'identities.list', { query: 'كريمي 1', limit: 50 });
      expect(page.items.map((i) => i.displayName)).toContain('مریم کریمی 1');
    }
  });
});
