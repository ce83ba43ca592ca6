import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/writer';
import type { ConflictRule } from '../../main/api/capability';
import { addUser, FULL, READER, startTestServer, type TestServer } from '../server/harness';
import { startDesk, type TestDesk } from './desk';

/**
 * A stand-in for a capability's rule (the calendar's "room booked twice" arrives with the
 * calendar): two people on different desks filed the same mobile number offline.
 */
const samePhone: ConflictRule = {
  table: 'identity_phones',
  detect(store: Store, rowId: string) {
    const me = store.sql('SELECT e164, identity_id, created_by FROM identity_phones WHERE id = ? AND deleted_at IS NULL').get(rowId) as
      | { e164: string | null; identity_id: string; created_by: string }
      | undefined;
    if (!me?.e164) return [];
    const others = store
      .sql('SELECT id, created_by FROM identity_phones WHERE e164 = ? AND identity_id <> ? AND deleted_at IS NULL')
      .all(me.e164, me.identity_id) as { id: string; created_by: string }[];
    return others.map((o) => ({
      rule: 'identities.conflict.samePhone',
      otherTable: 'identity_phones',
      otherId: o.id,
      parties: [me.created_by, o.created_by],
      details: { number: me.e164! },
    }));
  },
};

describe('a conflict a capability declares', () => {
  let server: TestServer;
  let a: TestDesk;
  let b: TestDesk;
  let c: TestDesk;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await addUser(server.app, 'sara', FULL.filter((p) => p !== 'organisation.manage'));
    await addUser(server.app, 'reza', FULL.filter((p) => p !== 'organisation.manage'));
    await addUser(server.app, 'nima', READER);
    [a, b, c] = [await startDesk('a'), await startDesk('b'), await startDesk('c')];
    for (const [desk, user] of [[a, 'sara'], [b, 'reza'], [c, 'nima']] as const) {
      desk.sync.rules.register({ conflicts: [samePhone] });
      await desk.sync.signIn({ server: server.url, username: user, password: 'password-1234' });
      await desk.sync.syncNow();
    }
  });
  afterAll(async () => {
    for (const d of [a, b, c]) await d?.close();
    await server?.close();
  });

  it('is found by both desks, kept once, shown to both people and to no one else, and its decision syncs', async () => {
    // Both offline: each files the caller under their own new contact.
    a.createPerson('علی', 'احمدی', { phones: [{ kind: 'mobile', number: '0912 555 1234' }] });
    b.createPerson('علی', 'احمدی‌پور', { phones: [{ kind: 'mobile', number: '+98 912 555 1234' }] });
    await a.sync.syncNow();
    await b.sync.syncNow(); // receives A's phone: finds the conflict
    await a.sync.syncNow(); // receives B's phone (finds the same one) and B's record
    await b.sync.syncNow();
    await c.sync.syncNow();

    const [onA] = a.sync.openConflicts();
    const [onB] = b.sync.openConflicts();
    expect(onA).toBeDefined();
    expect(onA!.id).toBe(onB!.id);
    expect(onA).toMatchObject({ rule: 'identities.conflict.samePhone', details: { number: '+989125551234' } });
    expect(onA!.parties.map((p) => p.id).sort()).toEqual([a.userId(), b.userId()].sort());
    expect(a.sync.status().conflicts).toBe(1);
    expect(b.sync.status().conflicts).toBe(1);
    expect(await server.db.all("SELECT row_id FROM rows WHERE table_name = 'sync_conflicts'")).toHaveLength(1);
    // Nothing was dropped: both contacts exist everywhere.
    for (const desk of [a, b, c]) {
      expect(desk.backend.db.prepare("SELECT count(*) FROM identity_phones WHERE e164 = '+989125551234'").pluck().get()).toBe(2);
    }
    // The third person of the office neither made nor received it.
    expect(c.backend.db.prepare('SELECT count(*) FROM sync_conflicts').pluck().get()).toBe(0);

    a.sync.resolve(onA!.id, 'دو نفر متفاوت‌اند');
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.sync.openConflicts()).toEqual([]);
    expect(b.backend.db.prepare('SELECT resolution FROM sync_conflicts WHERE id = ?').pluck().get(onA!.id)).toBe('دو نفر متفاوت‌اند');
  });
});
