import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionService } from '../../main/session/service';
import { addUser, startTestServer, type TestServer } from '../server/harness';
import { startDesk, type TestDesk } from './desk';

/** What the tasks, reminders and inbox of a desk's user need (and nothing that sees everyone's). */
const STAFF = ['organisation.read', 'identities.read', 'history.read', 'tasks.read', 'tasks.write', 'inbox.read', 'reminders.use', 'followups.use'];
const PASSWORD = 'password-1234';

async function call<T>(desk: TestDesk, method: string, input: unknown): Promise<T> {
  const r = await desk.backend.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const count = (desk: TestDesk, table: string) => desk.backend.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('tasks, reminders and in-app messages through the sync server', () => {
  let server: TestServer;
  let a: TestDesk; // sara
  let b: TestDesk; // reza
  let c: TestDesk; // nima: takes part in nothing
  const ids: Record<string, string> = {};
  let taskId = '';

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    for (const name of ['sara', 'reza', 'nima']) ids[name] = await addUser(server.app, name, STAFF, PASSWORD);
    a = await startDesk('task-a');
    b = await startDesk('task-b');
    c = await startDesk('task-c');
    await a.sync.signIn({ server: server.url, username: 'sara', password: PASSWORD });
    await b.sync.signIn({ server: server.url, username: 'reza', password: PASSWORD });
    await c.sync.signIn({ server: server.url, username: 'nima', password: PASSWORD });
    for (const desk of [a, b, c]) await desk.sync.syncNow();
  });
  afterAll(async () => {
    for (const desk of [a, b, c]) await desk?.close();
    await server?.close();
  });

  it('a task its maker keeps to herself reaches no other desk', async () => {
    expect(a.userId()).toBe(ids.sara);
    taskId = (await call<{ id: string }>(a, 'tasks.create', { subject: 'پیگیری قرارداد', assignees: [{ userId: ids.sara }] })).id;
    await a.sync.syncNow();
    await b.sync.syncNow();
    await c.sync.syncNow();
    expect(a.sync.status()).toMatchObject({ pending: 0, refused: 0 });
    for (const desk of [b, c]) {
      expect(count(desk, 'tasks')).toBe(0);
      expect(count(desk, 'task_assignments')).toBe(0);
    }
  });

  it('referred on one desk, the task reaches the recipient’s desk with its earlier rows and a message, and no one else’s', async () => {
    await call(a, 'tasks.refer', { taskId, recipients: [{ userId: ids.reza, mode: 'original' }], instruction: 'لطفاً تا فردا' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await c.sync.syncNow();
    expect(a.sync.status()).toMatchObject({ pending: 0, refused: 0 });
    // The bell rings for reza (opening the task marks its message read)…
    expect(await call<{ unread: number }>(b, 'inbox.unread', {})).toEqual({ unread: 1 });
    // …and the task row, pushed before reza's desk had its last cursor, arrives all the same.
    const detail = await call<{ subject: string }>(b, 'tasks.open', { id: taskId });
    expect(detail.subject).toBe('پیگیری قرارداد');
    const cartable = await call<{ rows: { taskId: string; holder: { id: string } }[] }>(b, 'tasks.cartable', { tab: 'mine' });
    expect(cartable.rows.map((r) => r.taskId)).toEqual([taskId]);
    expect(b.backend.db.prepare("SELECT count(*) FROM sync_conflicts WHERE rule = 'sync.conflict.notApplied'").pluck().get()).toBe(0);
    // nima's desk holds nothing of it.
    for (const table of ['tasks', 'task_assignments', 'inbox_messages']) expect(count(c, table)).toBe(0);
  });

  it('the recipient’s progress comes back to the sender’s desk', async () => {
    const mine = await call<{ rows: { assignmentId: string }[] }>(b, 'tasks.cartable', { tab: 'mine' });
    await call(b, 'tasks.setStatus', { assignmentId: mine.rows[0]!.assignmentId, status: 'done' });
    await b.sync.syncNow();
    await a.sync.syncNow();
    const status = a.backend.db.prepare('SELECT status FROM task_assignments WHERE holder_id = ?').pluck().get(ids.reza);
    expect(status).toBe('done');
    expect(count(c, 'task_assignments')).toBe(0);
  });

  it('a reminder follows its owner and no one else', async () => {
    await call(a, 'reminders.create', { item: { kind: 'task', id: taskId }, at: '1406/01/15 09:00', note: 'یادآوری' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(count(b, 'reminders')).toBe(0);
    const onServer = await server.db.all<{ audience: string }>("SELECT audience FROM changes WHERE table_name = 'reminders'");
    expect(onServer.map((r) => r.audience)).toEqual([` ${ids.sara} `]);
  });

  it('passwords never leave a desk, and the server-checked one opens the desk offline', async () => {
    // Signing in through the server kept sara's password here as this desk's own hash…
    const hash = a.backend.db.prepare('SELECT password_hash FROM user_credentials WHERE user_id = ?').pluck().get(ids.sara) as string;
    expect(hash).toMatch(/^\$scrypt\$/);
    // …and no desk's credential, nor any part of a hash, reached the server or another desk.
    expect(a.backend.db.prepare("SELECT count(*) FROM outbox WHERE table_name = 'user_credentials'").pluck().get()).toBe(0);
    expect(await server.db.get<{ n: number }>("SELECT count(*) AS n FROM changes WHERE table_name = 'user_credentials' OR fields LIKE '%scrypt%'")).toEqual({ n: 0 });
    expect(b.backend.db.prepare('SELECT count(*) FROM user_credentials WHERE user_id = ?').pluck().get(ids.sara)).toBe(0);
    // With the server gone, sara signs in again at her desk with the same password.
    await server.down();
    const session = a.backend.service<SessionService>('session');
    session.signOut();
    expect(a.userId()).toBeNull();
    expect(() => session.signIn('sara', 'not-her-password')).toThrow();
    expect(session.signIn('sara', PASSWORD)).toMatchObject({ state: 'signed-in', user: { id: ids.sara } });
    await server.up();
  });

  it('a password changed on the server opens the desk once the desk has signed in to the server with it', async () => {
    await server.app.organisation.setPassword('sara', 'a-newer-password');
    await a.sync.signIn({ server: server.url, username: 'sara', password: 'a-newer-password' });
    await a.sync.syncNow();
    const session = a.backend.service<SessionService>('session');
    session.signOut();
    expect(() => session.signIn('sara', PASSWORD)).toThrow();
    expect(session.signIn('sara', 'a-newer-password')).toMatchObject({ state: 'signed-in', user: { id: ids.sara } });
  });
});
