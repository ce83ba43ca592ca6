import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ENGINES, RawDesk, rowId, startTestServer, type TestServer } from './harness';

const STAFF = ['organisation.read', 'tasks.read', 'tasks.write', 'inbox.read', 'reminders.use'];
const task = (subject: string) => ({ subject, priority: 'normal', deadline_time: 0 });
const step = (taskId: string, holder: string, sender: string, parent: string | null = null) => ({
  task_id: taskId,
  holder_id: holder,
  sender_id: sender,
  parent_id: parent,
  mode: 'original',
  status: 'unseen',
  deadline_time: 0,
});

describe.each(ENGINES)('task rows on %s', (engine) => {
  let server: TestServer;
  const desks: Record<string, RawDesk> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(engine);
    for (const name of ['sara', 'reza', 'nima']) ids[name] = await addUser(server.app, name, STAFF);
    ids.boss = await addUser(server.app, 'boss', [...STAFF, 'tasks.readAll', 'tasks.announce']);
    for (const name of ['sara', 'reza', 'nima', 'boss']) {
      desks[name] = new RawDesk(server.url, `desk-${name}`);
      await desks[name].signIn(name);
    }
  });
  afterAll(() => server?.close());

  const tableRows = async (who: string, after = 0) =>
    (await desks[who]!.pullAll(after)).filter((c) => ['tasks', 'task_assignments', 'announcements'].includes(c.table));

  it('a new task and its steps go to its maker and holders, to whoever may read all, and to no one else', async () => {
    const { sara } = desks;
    const t = rowId();
    const own = rowId();
    const results = await sara!.push([sara!.change('tasks', t, 'insert', task('گزارش ماهانه')), sara!.change('task_assignments', own, 'insert', step(t, ids.sara!, ids.sara!))]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await tableRows('sara')).map((c) => c.rowId)).toEqual([t, own]);
    expect((await tableRows('boss')).map((c) => c.rowId)).toEqual([t, own]);
    expect(await tableRows('reza')).toEqual([]);
    expect(await tableRows('nima')).toEqual([]);
  });

  it('someone given a task later receives its earlier rows once, after their cursor, and still no one else', async () => {
    const { sara, reza } = desks;
    const t = rowId();
    const own = rowId();
    await sara!.push([sara!.change('tasks', t, 'insert', task('تمدید قرارداد')), sara!.change('task_assignments', own, 'insert', step(t, ids.sara!, ids.sara!))]);
    const cursor = (await reza!.pull()).cursor; // reza's desk is up to date and holds none of it
    const referral = rowId();
    expect((await sara!.push([sara!.change('task_assignments', referral, 'insert', step(t, ids.reza!, ids.sara!, own))]))[0]!.status).toBe('accepted');
    const received = await tableRows('reza', cursor);
    expect(received.map((c) => c.rowId)).toEqual([t, own, referral]);
    expect(new Set(received.map((c) => c.seq)).size).toBe(3);
    // The next pull does not send them again.
    const next = await reza!.pull(await reza!.pull(cursor).then((p) => p.cursor));
    expect(next.changes).toEqual([]);
    expect((await tableRows('nima')).map((c) => c.rowId)).not.toContain(t);
    // The recipient may now work on it; nobody outside it may.
    expect((await reza!.push([reza!.change('task_assignments', referral, 'update', { status: 'done' })]))[0]!.status).toBe('accepted');
    const outsider = await desks.nima!.push([
      desks.nima!.change('tasks', t, 'update', { subject: 'ربوده' }),
      desks.nima!.change('task_assignments', rowId(), 'insert', step(t, ids.nima!, ids.nima!)),
    ]);
    expect(outsider.map((r) => r.status === 'rejected' && r.reason.code)).toEqual(['forbidden', 'forbidden']);
  });

  it('an announcement stays with its author (each recipient reads it as a task of their own)', async () => {
    const boss = desks.boss!;
    const id = rowId();
    const r = await boss.push([boss.change('announcements', id, 'insert', { subject: 'جلسه', priority: 'high', deadline_time: 0, audience: '{"everyone":true}' })]);
    expect(r[0]!.status).toBe('accepted');
    expect((await tableRows('boss')).map((c) => c.rowId)).toContain(id);
    for (const who of ['sara', 'reza', 'nima']) expect((await tableRows(who)).map((c) => c.rowId)).not.toContain(id);
  });

  it('an in-app message reaches its recipient and its sender only', async () => {
    const { sara } = desks;
    const id = rowId();
    await sara!.push([sara!.change('inbox_messages', id, 'insert', { user_id: ids.reza!, kind: 'task.referred', params: '{}' })]);
    const has = async (who: string) => (await desks[who]!.pullAll()).some((c) => c.rowId === id);
    expect(await has('reza')).toBe(true);
    expect(await has('sara')).toBe(true);
    expect(await has('nima')).toBe(false);
  });
});
