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
/** Tasks, reminders and follow-ups too, without tasks.readAll: each desk sees only the tasks its user takes part in. */
const WORK = ['tasks.read', 'tasks.write', 'inbox.read', 'reminders.use', 'followups.use'];
const PERMISSIONS = new Set([...FULL, ...WORK]);
const SUBJECTS = ['پیگیری قرارداد', 'تماس با مشتری', 'ارسال فاکتور', 'جلسهٔ هفتگی'];
/** Refusals a random task operation may meet because another desk moved first (the desk's own rules). */
const EXPECTED_REFUSALS = new Set(['not-found', 'conflict', 'forbidden', 'invalid-input']);

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
  const users: string[] = [];
  const taskOps = { create: 0, refer: 0, status: 0, reminder: 0, followUp: 0, refused: 0 };
  const random = seeded(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    for (const name of ['sara', 'reza', 'nima']) users.push(await addUser(server.app, name, [...PERMISSIONS]));
    for (const name of ['sara', 'reza', 'nima']) {
      const link = new FaultyLink(() => server.url, random);
      await link.start();
      const desk = await startDesk(name);
      await desk.sync.signIn({ server: link.url, username: name, password: 'password-1234' });
      // The first sync brings the server's users: from then on the desk works as its user.
      await desk.sync.syncNow();
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

  /** A call that may be refused only for a reason the desk's own rules give. */
  async function attempt(d: TestDesk, method: string, input: unknown): Promise<boolean> {
    const r = await d.backend.call(method, input);
    if (r.ok) return true;
    if (!EXPECTED_REFUSALS.has(r.error.code)) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    taskOps.refused++;
    return false;
  }

  /** Create a task, refer one on, move a holding, or attach a reminder or a follow-up to a task. */
  async function randomTaskWork(d: TestDesk): Promise<void> {
    const me = d.userId()!;
    const tasks = d.backend.db.prepare('SELECT id FROM tasks WHERE deleted_at IS NULL AND cancelled_at IS NULL ORDER BY id').pluck().all() as string[];
    const roll = random();
    if (tasks.length === 0 || roll < 0.25) {
      if (await attempt(d, 'tasks.create', { subject: pick(SUBJECTS), priority: pick(['low', 'normal', 'high']), assignees: [{ userId: me }] })) taskOps.create++;
      return;
    }
    const taskId = pick(tasks);
    if (roll < 0.5) {
      const to = pick(users.filter((u) => u !== me));
      const mode = pick(['original', 'original', 'copy'] as const);
      if (await attempt(d, 'tasks.refer', { taskId, recipients: [{ userId: to, mode }], instruction: `ارجاع ${Math.floor(random() * 100)}` })) taskOps.refer++;
      return;
    }
    if (roll < 0.75) {
      const mine = d.backend.db
        .prepare("SELECT id FROM task_assignments WHERE holder_id = ? AND deleted_at IS NULL AND mode = 'original' ORDER BY id")
        .pluck()
        .all(me) as string[];
      if (mine.length === 0) return;
      if (await attempt(d, 'tasks.setStatus', { assignmentId: pick(mine), status: pick(['seen', 'in_progress', 'done'] as const) })) taskOps.status++;
      return;
    }
    if (roll < 0.88) {
      if (await attempt(d, 'reminders.create', { item: { kind: 'task', id: taskId }, at: `1406/0${1 + Math.floor(random() * 9)}/15 09:00`, note: 'یادآوری' }))
        taskOps.reminder++;
      return;
    }
    if (await attempt(d, 'followups.create', { item: { kind: 'task', id: taskId }, note: `پیگیری ${Math.floor(random() * 100)}`, next: '1406/02/01' }))
      taskOps.followUp++;
  }

  /**
   * Which server rows of a table a user's desk should hold: the pull's rules, written out
   * again as the test's own oracle (every user here holds the same permissions).
   */
  async function visibleTo(userId: string, table: string): Promise<(row: { audience: string | null }) => boolean> {
    const { read, scope } = SYNC_POLICY[table]!;
    if (!PERMISSIONS.has(read)) return () => false;
    if (scope === 'everyone' || (scope.viewAll !== undefined && PERMISSIONS.has(scope.viewAll))) return () => true;
    const access = new Set(
      (await server.db.all<{ audience: string }>('SELECT audience FROM task_access WHERE user_id = ?', [userId])).map((r) => r.audience),
    );
    return (row) => row.audience === null || row.audience.includes(` ${userId} `) || access.has(row.audience);
  }

  it('ends with every store identical to the server, no write lost and none applied twice', async () => {
    for (const { link } of desks) {
      link.faults = { dropRequest: 0.08, dropResponse: 0.12, duplicatePush: 0.15, rewindPull: 0.3, shufflePull: true };
    }
    for (let step = 0; step < STEPS; step++) {
      const { desk, link } = pick(desks);
      const roll = random();
      if (roll < 0.4) await randomEdit(desk);
      else if (roll < 0.6) await randomTaskWork(desk);
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
    // The run really worked on tasks: made, referred across desks, moved, reminded, followed up.
    for (const op of ['create', 'refer', 'status', 'reminder', 'followUp'] as const) expect(taskOps[op], op).toBeGreaterThan(0);
    const heldFromOthers = (d: TestDesk) =>
      d.backend.db
        .prepare('SELECT count(*) FROM task_assignments a JOIN tasks t ON t.id = a.task_id WHERE a.holder_id = ? AND t.created_by <> ?')
        .pluck()
        .get(d.userId(), d.userId()) as number;
    expect(desks.some(({ desk }) => heldFromOthers(desk) > 0)).toBe(true);

    // 1. Every store holds exactly the server's rows, value for value.
    //    Of rows limited to some people (tasks, reminders, messages), exactly those its user may see.
    for (const table of Object.keys(SYNC_POLICY)) {
      const allRows = await server.db.all<{ row_id: string; fields: string; audience: string | null }>(
        'SELECT row_id, fields, audience FROM rows WHERE table_name = ? ORDER BY row_id',
        [table],
      );
      for (const { desk } of desks) {
        const sees = await visibleTo(desk.userId()!, table);
        const serverRows = allRows.filter(sees);
        const cols = [...syncedColumns(desk.backend.store, table)!, 'deleted_at'];
        const expected = serverRows.map((r) => {
          const f = JSON.parse(r.fields) as Record<string, unknown>;
          return [r.row_id, ...cols.map((c) => f[c] ?? null)];
        });
        const onDesk = desk.backend.db
          .prepare(`SELECT id, ${cols.join(', ')} FROM ${table} ORDER BY id`)
          .raw()
          .all()
          .filter((row) => allRows.some((r) => r.row_id === (row as unknown[])[0]));
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
