import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_POLICY } from '../../db/sync/policy';
import { syncedColumns } from '../../db/sync/columns';
import { addUser, FULL, startTestServer, type TestServer } from '../server/harness';
import { startDesk, type TestDesk } from './desk';
import { FaultyLink, NO_FAULTS, seeded } from './faulty-link';

const SEED = Number(process.env.SYNC_SEED ?? 20250321);
const STEPS = 240;
const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم', 'رضا', 'سارا', 'حمید', 'نگار'];
const LAST = ['احمدی', 'یزدانی', 'کریمی', 'موسوی', 'رضایی', 'کاظمی'];
const JOBS = ['کارشناس', 'مدیر', 'منشی', 'وکیل', null];

interface Identity {
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  tags: string[];
  phones: { id: string; kind: string; number: string }[];
  emails: { id: string; kind: string; address: string }[];
}

describe(`three desks converge (seed ${SEED})`, () => {
  let server: TestServer;
  const desks: { desk: TestDesk; link: FaultyLink }[] = [];
  const random = seeded(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    for (const name of ['sara', 'reza', 'nima']) await addUser(server.app, name, FULL);
    for (const name of ['sara', 'reza', 'nima']) {
      const link = new FaultyLink(() => server.url, random);
      await link.start();
      const desk = await startDesk(name);
      await desk.sync.signIn({ server: link.url, username: name, password: 'password-1234' });
      desks.push({ desk, link });
    }
  });
  afterAll(async () => {
    for (const { desk, link } of desks) {
      await desk.close();
      await link.close();
    }
    await server?.close();
  });

  const liveIdentities = (d: TestDesk) =>
    d.backend.db.prepare('SELECT id FROM identities WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];

  async function randomEdit(d: TestDesk): Promise<void> {
    const ids = liveIdentities(d);
    const roll = random();
    if (ids.length < 3 || roll < 0.3) {
      d.createPerson(pick(FIRST), pick(LAST), {
        jobTitle: pick(JOBS) ?? undefined,
        phones: random() < 0.5 ? [{ kind: 'mobile', number: `0912${String(Math.floor(random() * 1e7)).padStart(7, '0')}` }] : [],
      });
      return;
    }
    const id = pick(ids);
    if (roll < 0.4) {
      await d.backend.call('notes.create', { identityId: id, body: `یادداشت ${Math.floor(random() * 1000)}` });
      return;
    }
    if (roll < 0.45) {
      await d.backend.call('identities.delete', { id });
      return;
    }
    const got = await d.backend.call('identities.get', { id });
    if (!got.ok) return;
    const cur = got.value as Identity;
    const patch: Record<string, unknown> = {};
    const what = random();
    if (what < 0.35) patch.jobTitle = pick(JOBS) ?? undefined;
    else if (what < 0.6) patch.lastName = pick(LAST);
    else if (what < 0.8) patch.tags = [...new Set([...cur.tags, pick(['مشتری', 'vip', 'تامین‌کننده'])])];
    else patch.phones = [...cur.phones, { kind: 'work', number: `021${String(Math.floor(random() * 1e8)).padStart(8, '0')}` }];
    const r = await d.backend.call('identities.update', {
      id,
      kind: 'person',
      firstName: cur.firstName ?? undefined,
      lastName: cur.lastName ?? undefined,
      jobTitle: cur.jobTitle ?? undefined,
      tags: cur.tags,
      phones: cur.phones,
      emails: cur.emails,
      ...patch,
    });
    if (!r.ok && r.error.code !== 'not-found') throw new Error(JSON.stringify(r.error));
  }

  it('ends with every store identical to the server, no write lost and none applied twice', async () => {
    for (const { link } of desks) {
      link.faults = { dropRequest: 0.08, dropResponse: 0.12, duplicatePush: 0.15, rewindPull: 0.3, shufflePull: true };
    }
    for (let step = 0; step < STEPS; step++) {
      const { desk, link } = pick(desks);
      const roll = random();
      if (roll < 0.6) await randomEdit(desk);
      else if (roll < 0.85) await desk.sync.syncNow();
      else link.online = !link.online;
      if (step === Math.floor(STEPS / 2)) await server.restart();
    }

    // Heal: every link up and honest, sync until nothing moves.
    for (const { link } of desks) {
      link.online = true;
      link.faults = { ...NO_FAULTS };
    }
    for (let round = 0; round < 6; round++) for (const { desk } of desks) await desk.sync.syncNow();
    const head = Number((await server.db.get<{ seq: number }>('SELECT seq FROM head WHERE id = 1'))!.seq);
    for (const { desk } of desks) {
      expect(desk.sync.status()).toMatchObject({ state: 'upToDate', pending: 0, refused: 0 });
      expect(desk.sync.db.cursor()).toBe(head);
    }
    const faults = desks.reduce((n, { link }) => n + link.counts.dropped + link.counts.lostAnswers + link.counts.duplicated + link.counts.rewound, 0);
    expect(faults).toBeGreaterThan(20); // the link really misbehaved

    // 1. Every store holds exactly the server's rows, value for value.
    for (const table of Object.keys(SYNC_POLICY)) {
      const serverRows = await server.db.all<{ row_id: string; fields: string }>('SELECT row_id, fields FROM rows WHERE table_name = ? ORDER BY row_id', [table]);
      for (const { desk } of desks) {
        const cols = [...syncedColumns(desk.backend.store, table)!, 'deleted_at'];
        const expected = serverRows.map((r) => {
          const f = JSON.parse(r.fields) as Record<string, unknown>;
          return [r.row_id, ...cols.map((c) => f[c] ?? null)];
        });
        const onDesk = desk.backend.db
          .prepare(`SELECT id, ${cols.join(', ')} FROM ${table} ORDER BY id`)
          .raw()
          .all()
          .filter((row) => serverRows.some((r) => r.row_id === (row as unknown[])[0]));
        expect(onDesk, `${table} on ${desk.name}`).toEqual(expected);
      }
    }

    // 2. No write lost: every change made on a desk reached the server exactly once.
    for (const { desk } of desks) {
      const made = desk.backend.db.prepare("SELECT hlc FROM outbox WHERE received IS NULL AND (push_result IS NULL OR json_extract(push_result, '$.status') <> 'local') ORDER BY hlc").pluck().all() as string[];
      const onServer = (await server.db.all<{ change_id: string }>('SELECT change_id FROM changes WHERE client_id = ? ORDER BY change_id', [desk.backend.store.hlc.node])).map((r) => r.change_id);
      expect(onServer).toEqual(made);
    }

    // 3. Nothing applied twice: each server change is recorded at most once per desk, and
    //    the search index has one entry per identity.
    for (const { desk } of desks) {
      const dup = desk.backend.db.prepare('SELECT server_seq, count(*) AS n FROM outbox WHERE server_seq IS NOT NULL GROUP BY server_seq HAVING n > 1').all();
      expect(dup).toEqual([]);
      const people = desk.backend.db.prepare('SELECT count(*) FROM identities WHERE deleted_at IS NULL').pluck().get();
      expect(desk.backend.db.prepare('SELECT count(*) FROM identity_fts_docsize').pluck().get()).toBe(people);
      expect(desk.backend.db.prepare("SELECT count(*) FROM sync_conflicts WHERE rule = 'sync.conflict.notApplied'").pluck().get()).toBe(0);
    }
  }, 240_000);
});
