import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_SCHEMA, PROTOCOL_VERSION } from '../../db/sync/protocol';
import { addUser, ENGINES, FULL, RawDesk, READER, rowId, startTestServer, type TestServer } from './harness';

const person = (name: string) => ({ kind: 'person', first_name: name, display_name: name, sort_key: name });
type Problem = { error: { code: string; message: { fa: string; en: string } } };

describe.each(ENGINES)('pull and access on %s', (engine) => {
  let server: TestServer;
  let now = Date.now();
  let sara: RawDesk;

  beforeAll(async () => {
    server = await startTestServer(engine, { now: () => now, tokenTtlMs: 60_000 });
    await addUser(server.app, 'sara', FULL);
    await addUser(server.app, 'reza', FULL);
    await addUser(server.app, 'nima', READER);
    await addUser(server.app, 'guest', ['organisation.read']);
    sara = new RawDesk(server.url, 'desk-sara');
    await sara.signIn('sara');
  });
  afterAll(() => server?.close());

  it('answers 401 without a token, with a made-up one, and after sign-out', async () => {
    const anon = new RawDesk(server.url, 'desk-anon');
    for (const path of ['/sync/pull', '/sync/push']) {
      const r =
        path === '/sync/pull'
          ? await anon.request<Problem>('GET', path)
          : await anon.request<Problem>('POST', path, { clientId: 'desk-anon', changes: [] });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorised');
    }
    anon.token = 'x'.repeat(43);
    expect((await anon.request('GET', '/sync/pull')).status).toBe(401);
    const desk = new RawDesk(server.url, 'desk-sara-2');
    await desk.signIn('sara');
    expect((await desk.request('GET', '/sync/pull')).status).toBe(200);
    expect((await desk.request('POST', '/auth/sign-out', {})).status).toBe(200);
    expect((await desk.request('GET', '/sync/pull')).status).toBe(401);
  });

  it('ends a sign-in when its time is up, and says so', async () => {
    const desk = new RawDesk(server.url, 'desk-expiring');
    await desk.signIn('sara');
    expect((await desk.request('GET', '/sync/pull')).status).toBe(200);
    now += 60_001;
    const r = await desk.request<Problem>('GET', '/sync/pull');
    expect(r.status).toBe(401);
    expect(r.body.error.message.en).toMatch(/session .* ended/);
    await desk.signIn('sara');
    expect((await desk.request('GET', '/sync/pull')).status).toBe(200);
    await sara.signIn('sara'); // sara's own desk was signed in before the clock moved
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const desk = new RawDesk(server.url, 'desk-x');
    const wrong = await desk.request<Problem>('POST', '/auth/sign-in', { username: 'sara', password: 'nope-nope', clientId: 'desk-x' });
    const unknown = await desk.request<Problem>('POST', '/auth/sign-in', { username: 'nobody', password: 'nope-nope', clientId: 'desk-x' });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
  });

  it('checks a password for a desk’s own sign-in without a token or a binding: right, wrong and unknown, disabled', async () => {
    const desk = new RawDesk(server.url, 'desk-sara'); // bound to sara: reza's password is checked all the same
    const right = await desk.request<{ user: { id: string } }>('POST', '/auth/verify', { username: 'reza', password: 'password-1234' });
    const rezaId = (await server.db.get<{ user_id: string }>("SELECT user_id FROM accounts WHERE username = 'reza'"))!.user_id;
    expect(right).toEqual({ status: 200, body: { user: { id: rezaId, username: 'reza' } } });
    expect(await server.db.get<{ n: number }>('SELECT count(*) AS n FROM tokens WHERE user_id = ?', [rezaId])).toEqual({ n: 0 });
    const wrong = await desk.request<Problem>('POST', '/auth/verify', { username: 'reza', password: 'nope-nope' });
    const unknown = await desk.request<Problem>('POST', '/auth/verify', { username: 'nobody', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    await addUser(server.app, 'gone', FULL);
    await server.app.organisation.disableUser('gone');
    // Disabled is told only to someone who knows the password.
    expect((await desk.request<Problem>('POST', '/auth/verify', { username: 'gone', password: 'nope-nope' })).status).toBe(401);
    const disabled = await desk.request<Problem>('POST', '/auth/verify', { username: 'gone', password: 'password-1234' });
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.message.en).toContain('disabled');
  });

  it('answers 403 across users: a desk of one user cannot sign in as another, nor use its token elsewhere', async () => {
    const reza = new RawDesk(server.url, 'desk-sara'); // the desk sara already signed in on
    const r = await reza.request<Problem>('POST', '/auth/sign-in', { username: 'reza', password: 'password-1234', clientId: 'desk-sara' });
    expect(r.status).toBe(403);
    expect(r.body.error.message.en).toContain('registered to another user');
    const thief = new RawDesk(server.url, 'desk-thief');
    thief.token = sara.token;
    expect((await thief.request('GET', '/sync/pull')).status).toBe(403);
  });

  it('sends no row a user may not see: tables they cannot read, and conflict records not naming them', async () => {
    const id = rowId();
    await sara.push([sara.change('identities', id, 'insert', person('پنهان'))]);
    const guest = new RawDesk(server.url, 'desk-guest');
    await guest.signIn('guest');
    const seen = await guest.pullAll();
    expect(seen.length).toBeGreaterThan(0); // users and roles of the organisation
    expect(seen.filter((c) => c.table.startsWith('identit') || c.table === 'notes' || c.table === 'sync_conflicts')).toEqual([]);
    const nima = new RawDesk(server.url, 'desk-nima');
    await nima.signIn('nima');
    expect((await nima.pullAll()).some((c) => c.rowId === id)).toBe(true);
  });

  it('pages through everything after the cursor in order, each change once, ending at the head', async () => {
    const reza = new RawDesk(server.url, 'desk-reza');
    await reza.signIn('reza');
    const start = (await reza.pull(0, 1)).head;
    const ids = Array.from({ length: 2500 }, () => rowId());
    for (let i = 0; i < ids.length; i += 1000) {
      await reza.push(ids.slice(i, i + 1000).map((id, k) => reza.change('identities', id, 'insert', person(`شخص ${i + k}`))));
    }
    const pages: number[] = [];
    let cursor = start;
    const seen: number[] = [];
    for (;;) {
      const page = await sara.pull(cursor, 700);
      pages.push(page.changes.length);
      seen.push(...page.changes.map((c) => c.seq));
      cursor = page.cursor;
      if (!page.more) {
        expect(cursor).toBe(page.head);
        break;
      }
    }
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(2500);
    expect(pages.slice(0, 3)).toEqual([700, 700, 700]);
  });

  it('refuses a desk of another protocol or schema with a clear message, before reading anything', async () => {
    const r1 = await sara.request<Problem>('GET', '/sync/pull', undefined, { 'daftar-protocol': String(PROTOCOL_VERSION + 1) });
    expect(r1.status).toBe(426);
    expect(r1.body.error.code).toBe('protocol-mismatch');
    expect(r1.body.error.message.fa).toContain('پروتکل');
    const r2 = await sara.request<Problem>('POST', '/auth/sign-in', { username: 'sara', password: 'password-1234', clientId: 'desk-sara' }, { 'daftar-schema': '0009_older' });
    expect(r2.status).toBe(409);
    expect(r2.body.error.code).toBe('schema-mismatch');
    expect(r2.body.error.message.en).toContain(`(0009_older) differs from the server’s (${DESK_SCHEMA})`);
    const hello = await sara.request<{ protocol: number; schema: string }>('GET', '/sync/hello');
    expect(hello.body).toEqual({ server: 'daftar', protocol: PROTOCOL_VERSION, schema: DESK_SCHEMA });
  });

  it('a disabled user can no longer sign in or sync, and every desk sees them inactive', async () => {
    await addUser(server.app, 'leaving', FULL);
    const desk = new RawDesk(server.url, 'desk-leaving');
    await desk.signIn('leaving');
    await server.app.organisation.disableUser('leaving');
    expect((await desk.request('GET', '/sync/pull')).status).toBe(401);
    const again = await desk.request<Problem>('POST', '/auth/sign-in', { username: 'leaving', password: 'password-1234', clientId: 'desk-leaving' });
    expect(again.status).toBe(403);
    const users = (await sara.pullAll()).filter((c) => c.table === 'users' && c.rowId === desk.userId);
    expect(users.at(-1)?.fields).toEqual({ active: 0 });
  });
});
