import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { method, NoInput, type Capability, type MethodDef } from '../../main/api/capability';
import { ApiError, conflict, forbidden, invalid, notFound } from '../../main/api/errors';
import { registerMessages } from '../../main/api/messages';
import { Router, type Caller } from '../../main/api/router';
import { ERROR_CODES } from '../../main/api/rpc';
import { CAPABILITIES } from '../../main/capabilities';
import type { IdentityService } from '../../main/identities/service';
import { IdentityListQuery, IdentityRef, PhoneQuery } from '../../main/identities/schema';
import { NoteCreate } from '../../main/notes/schema';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, fails, ok, snapshot, startBackend, type TestBackend } from './backend-fixture';

// The sentences of every capability, as the backend registers them at start.
const MANIFESTS = CAPABILITIES as readonly Capability<string, unknown>[];
for (const c of MANIFESTS) if (c.messages) registerMessages(c.messages);

/** Every permission any manifest declares: what the administrator holds. */
const ALL_PERMISSIONS = MANIFESTS.flatMap((c) => Object.keys(c.permissions ?? {}));
const admin: Caller = { userId: 'u-admin', permissions: new Set(ALL_PERMISSIONS) };
const nobody: Caller = { userId: null, permissions: new Set<string>() };
const IDENTITY = '0195b0a0-0000-7000-8000-000000000001';

/** Methods shaped like the real ones (same schemas and permissions), with handlers of the test's choosing. */
const sessionGet = (run: MethodDef['run'] = () => ({ user: null, permissions: [] })) => ({ 'session.get': method(NoInput, null, run) });

describe('Router', () => {
  it('refuses to add a name twice', () => {
    const r = new Router();
    r.add('session', sessionGet());
    expect(() => r.add('session', sessionGet())).toThrow(/twice/);
    // Refused across capabilities too, and the first registration stays as it was.
    expect(() => r.add('session', { 'session.signIn': method(NoInput, null, () => 1), ...sessionGet() })).toThrow(/twice/);
    expect(r.names().filter((n) => n === 'session.get')).toHaveLength(1);
  });

  it('refuses to add a name that does not start with its capability', () => {
    const r = new Router();
    expect(() => r.add('contacts', { 'identities.explode': method(NoInput, null, () => 1) })).toThrow(/does not start with contacts\./);
    expect(() => r.add('contacts', { contactsexplode: method(NoInput, null, () => 1) })).toThrow(/does not start with/);
    expect(() => r.add('contacts', { toString: method(NoInput, null, () => 1) })).toThrow(/does not start with/);
    expect(() => r.add('contacts', { contacts: method(NoInput, null, () => 1) })).toThrow(/does not start with/);
    expect(r.names()).toEqual([]);
  });

  it('lists the methods it was given, each with its schema and permission', () => {
    const r = new Router();
    expect(r.names()).toEqual([]);
    r.add('session', sessionGet());
    r.add('identities', { 'identities.delete': method(IdentityRef, 'identities.delete', () => null) });
    expect(r.names().sort()).toEqual(['identities.delete', 'session.get']);
    expect(r.spec('identities.delete')).toMatchObject({ input: IdentityRef, permission: 'identities.delete' });
    expect(r.spec('session.get')?.permission).toBeNull();
    expect(r.spec('identities.get')).toBeUndefined();
    expect(r.spec('toString')).toBeUndefined();
  });

  it('answers unknown-method for names it was not given, odd names, and real method names added elsewhere', async () => {
    const r = new Router();
    r.add('session', sessionGet());
    for (const name of ['nope', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'identities.get']) {
      const res = await r.call(name, {}, admin);
      expect(res, name).toEqual({ ok: false, error: { code: 'unknown-method', message: expect.stringMatching(/[\u0600-\u06FF]/) } });
    }
  });

  it('checks the permission before validating or running the handler', async () => {
    const r = new Router();
    const handler = vi.fn(() => ({ id: IDENTITY }));
    r.add('identities', { 'identities.delete': method(IdentityRef, 'identities.delete', handler) });
    const denied = await r.call('identities.delete', { id: IDENTITY }, nobody);
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Even malformed input from a caller without permission is just forbidden: nothing about the schema leaks.
    expect(await r.call('identities.delete', 42, nobody)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
    const staff: Caller = { userId: 'u', permissions: new Set(['identities.read', 'identities.write']) };
    expect(await r.call('identities.delete', { id: IDENTITY }, staff)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await r.call('identities.delete', { id: IDENTITY }, admin)).toEqual({ ok: true, value: { id: IDENTITY } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('methods without a permission are open to anonymous callers', async () => {
    const r = new Router();
    r.add('session', sessionGet());
    expect(await r.call('session.get', {}, nobody)).toEqual({ ok: true, value: { user: null, permissions: [] } });
  });

  it('gives the handler the parsed input (trimmed, defaults applied, unknown keys dropped) and the caller', async () => {
    const r = new Router();
    const handler = vi.fn((input: unknown) => input);
    r.add('identities', { 'identities.list': method(IdentityListQuery, 'identities.read', handler) });
    const res = await r.call('identities.list', { query: 'علی', surprise: 1 }, admin);
    expect(res).toEqual({ ok: true, value: { query: 'علی', limit: 50 } });
    expect(handler).toHaveBeenCalledWith({ query: 'علی', limit: 50 }, admin);
    const r2 = new Router();
    const h2 = vi.fn((input: unknown) => input);
    r2.add('identities', { 'identities.lookupPhone': method(PhoneQuery, 'identities.read', h2) });
    await r2.call('identities.lookupPhone', { number: '  0912  ' }, admin);
    expect(h2).toHaveBeenCalledWith({ number: '0912' }, admin);
  });

  it('does not run the handler on invalid input and answers the issues in Persian', async () => {
    const r = new Router();
    const handler = vi.fn();
    r.add('notes', { 'notes.create': method(NoteCreate, 'notes.write', handler) });
    const res = await r.call('notes.create', { identityId: 'x', body: '' }, admin);
    expect(handler).not.toHaveBeenCalled();
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid-input');
    expect(res.error.issues?.map((i) => i.path).sort()).toEqual([['body'], ['identityId']]);
    for (const i of res.error.issues ?? []) expect(i.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('turns ApiErrors into their code, and renders message and issues in the desk language', async () => {
    const cases: [ApiError, string, string][] = [
      [notFound('identity.notFound'), 'not-found', 'این هویت پیدا نشد.'],
      [forbidden(), 'forbidden', 'شما اجازهٔ انجام این کار را ندارید.'],
      [conflict('record.notFound'), 'conflict', 'این مورد پیدا نشد یا حذف شده است.'],
      [new ApiError('unavailable', 'request.internal'), 'unavailable', 'خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در پرونده‌ی گزارش ثبت شد.'],
    ];
    for (const [err, code, message] of cases) {
      const r = new Router();
      r.add('session', sessionGet(() => {
        throw err;
      }));
      expect(await r.call('session.get', {}, admin)).toEqual({ ok: false, error: { code, message } });
      expect(ERROR_CODES).toContain(code);
    }
    const withIssues = invalid('phone.invalidSummary', [{ path: ['phones', 0, 'number'], key: 'phone.invalid', params: { number: '12' } }]);
    for (const [language, summary, field] of [
      ['fa', 'شمارهٔ تلفن واردشده درست نیست.', 'شمارهٔ «12» شمارهٔ تلفن معتبری نیست.'],
      ['en', 'A phone number is not valid.', '“12” is not a valid phone number.'],
    ] as const) {
      const r = new Router({ language: () => language });
      r.add('session', sessionGet(() => {
        throw withIssues;
      }));
      expect(await r.call('session.get', {}, admin)).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: summary, issues: [{ path: ['phones', 0, 'number'], message: field }] },
      });
    }
  });

  it('writes validation messages as plain sentences in the desk language', async () => {
    for (const [language, body, id] of [
      ['fa', 'این بخش نباید خالی باشد.', 'شناسه درست نیست.'],
      ['en', 'This field must not be empty.', 'This identifier is not valid.'],
    ] as const) {
      const r = new Router({ language: () => language });
      r.add('notes', { 'notes.create': method(NoteCreate, 'notes.write', vi.fn()) });
      const res = await r.call('notes.create', { identityId: 'x', body: '' }, admin);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      const byPath = Object.fromEntries((res.error.issues ?? []).map((i) => [i.path.join('.'), i.message]));
      expect(byPath).toEqual({ body, identityId: id });
    }
  });

  it('uses translateError for lower-layer errors it knows', async () => {
    class Busy extends Error {}
    const r = new Router({ translateError: (e) => (e instanceof Busy ? new ApiError('unavailable', 'record.notFound') : null) });
    r.add('session', sessionGet(() => {
      throw new Busy('locked');
    }));
    expect(await r.call('session.get', {}, admin)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'این مورد پیدا نشد یا حذف شده است.' },
    });
  });

  it('turns an unexpected error (thrown or rejected) into internal with a Persian sentence, no stack, and logs it', async () => {
    const logged: [string, unknown][] = [];
    const r = new Router({ onInternalError: (m, e) => logged.push([m, e]), translateError: () => null });
    const boom = new Error('SQLITE_CORRUPT: secret path /home/x/daftar.sqlite');
    r.add('session', sessionGet(() => {
      throw boom;
    }));
    r.add('settings', { 'settings.get': method(NoInput, null, async () => Promise.reject(new TypeError('cannot read x of undefined'))) });
    r.add('app', {
      'app.info': method(NoInput, null, () => {
        throw 'a string';
      }),
    });
    for (const m of ['session.get', 'settings.get', 'app.info']) {
      const res = await r.call(m, {}, admin);
      expect(res).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/[\u0600-\u06FF]/) } });
      const text = JSON.stringify(res);
      expect(text).not.toMatch(/SQLITE|secret|TypeError|stack|at .*\.ts|a string/);
    }
    expect(logged.map(([m]) => m)).toEqual(['session.get', 'settings.get', 'app.info']);
    expect(logged[0]![1]).toBe(boom);
  });

  it('works without options', async () => {
    const r = new Router();
    r.add('session', sessionGet(() => {
      throw new Error('x');
    }));
    expect(await r.call('session.get', {}, admin)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('the backend router', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startBackend('router');
  });
  afterAll(async () => {
    await t.backend.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('registers every method of every capability in main/capabilities.ts', () => {
    // The manifests' method tables (their handlers only read the context when called).
    const declared = MANIFESTS.flatMap((c) => Object.keys(c.methods?.(t.backend.service(c.name), null as never) ?? {}));
    expect(declared.length).toBeGreaterThan(0);
    expect(t.backend.router.names().sort()).toEqual([...declared].sort());
    for (const m of t.backend.router.names()) expect(t.backend.router.spec(m)?.input, m).toBeDefined();
  });

  it('answers every method for the administrator (no unknown-method, no forbidden)', async () => {
    for (const m of t.backend.router.names()) {
      const r = await t.backend.call(m, {});
      // storage.restore with no backup yet: unavailable (nothing good to restore), still not forbidden.
      if (!r.ok) expect(['invalid-input', 'not-found', 'unavailable'], `${m}: ${r.error.code}`).toContain(r.error.code);
      // session.lock and session.signOut take {} and do what they say: sign back in for the next method.
      const session = t.backend.service<SessionService>('session');
      if (session.session().state !== 'signed-in') session.signIn('admin', ADMIN_PASSWORD);
    }
  });

  it('answers unknown-method for a name outside the contract', async () => {
    expect(await fails(t.backend, 'identities.drop', {})).toMatchObject({ code: 'unknown-method' });
  });

  it('maps a missing row to not-found', async () => {
    expect((await fails(t.backend, 'identities.delete', { id: t.clock.newId() })).code).toBe('not-found');
  });

  it('an unexpected error in a service is internal, logged to the backend log, and the input is not logged', async () => {
    const svc = t.backend.service<IdentityService>('identities');
    const original = svc.create.bind(svc);
    svc.create = () => {
      throw new Error('disk on fire');
    };
    try {
      const before = snapshot(t.backend.db);
      const e = await fails(t.backend, 'identities.create', { kind: 'person', firstName: 'رمز', notes: 'password=hunter2-secret' });
      expect(e).toEqual({ code: 'internal', message: expect.stringMatching(/[\u0600-\u06FF]/) });
      expect(JSON.stringify(e)).not.toMatch(/disk on fire|hunter2|stack/);
      expect(snapshot(t.backend.db)).toEqual(before);
    } finally {
      svc.create = original;
    }
    const log = readFileSync(join(t.dataDir, 'logs', 'backend.log'), 'utf8');
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l.level === 'error' && l.method === 'identities.create');
    expect(line).toBeDefined();
    expect(JSON.stringify(line)).toContain('disk on fire');
    expect(log).not.toContain('hunter2');
    // The next call works as usual.
    expect((await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'بعدی' })).displayName).toBe('بعدی');
  });
});
