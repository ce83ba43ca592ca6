import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ENGINES, FULL, RawDesk, READER, rowId, startTestServer, type TestServer } from './harness';

const person = (name: string) => ({ kind: 'person', first_name: name, display_name: name, sort_key: name });

describe.each(ENGINES)('push on %s', (engine) => {
  let server: TestServer;
  let a: RawDesk;
  let b: RawDesk;
  let reader: RawDesk;
  let countChanges: () => Promise<number>;

  beforeAll(async () => {
    server = await startTestServer(engine);
    await addUser(server.app, 'sara', FULL);
    await addUser(server.app, 'reza', FULL);
    await addUser(server.app, 'nima', READER);
    a = new RawDesk(server.url, 'desk-a');
    b = new RawDesk(server.url, 'desk-b');
    reader = new RawDesk(server.url, 'desk-r');
    await a.signIn('sara');
    await b.signIn('reza');
    await reader.signIn('nima');
    countChanges = async () => Number((await server.db.get<{ n: number }>('SELECT count(*) AS n FROM changes'))!.n);
  });
  afterAll(() => server?.close());

  it('accepts a change once: a replay answers the same sequence number and stores nothing new', async () => {
    const id = rowId();
    const change = a.change('identities', id, 'insert', person('علی'));
    const [first] = await a.push([change]);
    expect(first).toMatchObject({ changeId: change.changeId, status: 'accepted' });
    const before = await countChanges();
    const again = await a.push([change, change]);
    expect(again).toEqual([first, first]);
    expect(await countChanges()).toBe(before);
  });

  it('answers each change on its own: bad ones are refused with a reason, the rest are numbered in order', async () => {
    const good1 = rowId();
    const good2 = rowId();
    const results = await a.push([
      a.change('identities', good1, 'insert', person('مریم')),
      a.change('settings', rowId(), 'insert', { key: 'x', value: 'y' }),
      a.change('identities', rowId(), 'insert', { ...person('بی‌نام'), shoe_size: 42 }),
      a.change('identities', rowId(), 'update', { first_name: 'کسی' }),
      a.change('identities', rowId(), 'insert', { kind: 'person', first_name: 'بدون نام نمایشی' }),
      a.change('identities', rowId(), 'insert', { ...person('ربات'), kind: 'robot' }),
      a.change('identities', rowId(), 'insert', { ...person('عدد'), first_name: 12 }),
      a.change('identities', rowId(), 'insert', { ...person('سازنده'), created_by: 'someone-else' }),
      a.change('identities', good2, 'insert', person('رضا')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    const codes = results.map((r) => (r.status === 'rejected' ? r.reason.code : null));
    expect(codes).toEqual([null, 'table.unknown', 'column.unknown', 'row.unknown', 'row.invalid', 'row.invalid', 'row.invalid', 'column.unknown', null]);
    for (const r of results) {
      if (r.status !== 'rejected') continue;
      expect(r.reason.message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(r.reason.message.en).toMatch(/[a-z]/);
    }
    const [r0, r8] = [results[0]!, results[8]!];
    if (r0.status !== 'accepted' || r8.status !== 'accepted') throw new Error('expected accepted');
    expect(r8.seq).toBe(r0.seq + 1);
    // Refused rows never reach anyone.
    const pulled = await b.pullAll();
    expect(pulled.filter((c) => c.table === 'settings' || c.fields.kind === 'robot')).toEqual([]);
  });

  it('stamps the author from the token, whatever the desk is', async () => {
    const id = rowId();
    await b.push([b.change('identities', id, 'insert', person('نگار'))]);
    const pulled = (await a.pullAll()).filter((c) => c.rowId === id);
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toMatchObject({ author: b.userId, clientId: 'desk-b', fields: person('نگار') });
  });

  it('refuses a change the user has no permission for, and tells which table', async () => {
    const [r] = await reader.push([reader.change('identities', rowId(), 'insert', person('کیوان'))]);
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    if (r!.status === 'rejected') expect(r!.reason.message.en).toContain('identities');
  });

  it('merges fields by HLC: an older edit arriving late loses only the field it lost', async () => {
    const id = rowId();
    await a.push([a.change('identities', id, 'insert', { ...person('حمید'), job_title: 'کارشناس' })]);
    // B edits first (older HLC) but reaches the server after A's newer edit of the same field.
    const older = b.change('identities', id, 'update', { first_name: 'حمید (ب)', job_title: 'مدیر' });
    await new Promise((r) => setTimeout(r, 5));
    const newer = a.change('identities', id, 'update', { first_name: 'حمید (الف)' });
    expect(newer.hlc > older.hlc).toBe(true);
    await a.push([newer]);
    const [late] = await b.push([older]);
    expect(late!.status).toBe('accepted');
    const row = await server.db.get<{ fields: string }>("SELECT fields FROM rows WHERE table_name = 'identities' AND row_id = ?", [id]);
    expect(JSON.parse(row!.fields)).toMatchObject({ first_name: 'حمید (الف)', job_title: 'مدیر' });
  });

  it('keeps an edit of a record another desk deleted, and makes a conflict record for both people', async () => {
    const id = rowId();
    await a.push([a.change('identities', id, 'insert', person('لیلا'))]);
    await a.push([a.change('identities', id, 'delete', { deleted_at: Date.now() })]);
    const [edit] = await b.push([b.change('identities', id, 'update', { job_title: 'وکیل' })]);
    expect(edit).toMatchObject({ status: 'conflict', reason: { code: 'conflict.editOfDeleted' } });
    if (edit!.status !== 'conflict') throw new Error('expected a conflict');
    for (const desk of [a, b]) {
      const conflict = (await desk.pullAll()).find((c) => c.table === 'sync_conflicts' && c.rowId === edit!.conflictId);
      expect(conflict?.fields).toMatchObject({ rule: 'sync.conflict.editOfDeleted', subject_table: 'identities', subject_id: id });
      expect(JSON.parse(String(conflict!.fields.parties)).sort()).toEqual([a.userId, b.userId].sort());
    }
    // Nothing was dropped: the edit itself is in the log too.
    expect((await a.pullAll()).some((c) => c.rowId === id && c.fields.job_title === 'وکیل')).toBe(true);
    // The other person of the office does not see it.
    expect((await reader.pullAll()).some((c) => c.table === 'sync_conflicts')).toBe(false);
  });

  it('refuses a change from a clock far ahead, which would win every merge for ever', async () => {
    const change = a.change('identities', rowId(), 'insert', person('آینده'));
    change.hlc = `${String(Date.now() + 3600_000).padStart(15, '0')}:000000:desk-a`;
    const [r] = await a.push([change]);
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'clock.ahead' } });
  });

  it('refuses a change whose HLC names another desk', async () => {
    const change = a.change('identities', rowId(), 'insert', person('جعلی'));
    change.hlc = change.hlc.replace('desk-a', 'desk-b');
    const [r] = await a.push([change]);
    expect(r).toMatchObject({ status: 'rejected', reason: { code: 'change.invalid' } });
  });

  it('answers a malformed push with 400 and a sentence in both languages, and stores nothing', async () => {
    const before = await countChanges();
    const bad = [
      'not json',
      { clientId: 'desk-a' },
      { clientId: 'desk-a', changes: [{ ...a.change('identities', rowId(), 'insert', person('x')), extra: 1 }] },
      { clientId: 'desk-a', changes: [{ ...a.change('identities', rowId(), 'insert', person('x')), table: 'identities; DROP TABLE rows' }] },
      { clientId: 'desk-a', changes: [{ ...a.change('identities', rowId(), 'insert', person('x')), fields: { first_name: { nested: true } } }] },
      // Fields: a list, a name too long, too many, a text too long, a value neither text, number nor null.
      ...[
        ['first_name'],
        { ['f'.repeat(65)]: 'x' },
        Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, 'x'])),
        { first_name: 'x'.repeat(100_001) },
        { first_name: true },
      ].map((fields) => ({ clientId: 'desk-a', changes: [{ ...a.change('identities', rowId(), 'insert', person('x')), fields }] })),
      { clientId: 'desk-a', changes: Array.from({ length: 1001 }, () => a.change('identities', rowId(), 'insert', person('x'))) },
    ];
    for (const body of bad) {
      const r = await a.request<{ error: { code: string; message: { fa: string; en: string } } }>('POST', '/sync/push', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid-request');
      expect(r.body.error.message.fa).toMatch(/[\u0600-\u06FF]/);
    }
    expect(await countChanges()).toBe(before);
  });

  it('refuses a push naming another desk as 403', async () => {
    const r = await a.request('POST', '/sync/push', { clientId: 'desk-b', changes: [] });
    expect(r.status).toBe(403);
  });
});
