/**
 * The phone capability in a whole backend, against a real Kamailio with sipp and baresip:
 * the account is saved (password sealed), the softphone registers, an incoming call becomes
 * a `call.incoming` event with the identity the number belongs to (whatever its format, From
 * or P-Asserted-Identity), every call is recorded with its outcome, the log form files it into
 * the identity's history, and hostile caller data stays plain text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingCall, PhoneStatus, CallView, CallPage, CallTimelineData } from '../../main/phone/schema';
import type { TimelinePage } from '../../main/history/schema';
import { fails, ok, snapshot } from '../api/backend-fixture';
import { startBaresip, type Baresip } from '../services/sip/baresip';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { quoted, sipp } from '../services/sip/sipp';
import { phoneBackend, type PhoneBackend } from './phone-backend-fixture';

let pbx: Kamailio;
let t: PhoneBackend;
let maryam = '';
let company = '';
const far: Baresip[] = [];

async function registered(b: PhoneBackend, since = 0): Promise<void> {
  await b.next<PhoneStatus>('phone.status', (s) => s.state === 'registered', { since });
}

beforeAll(async () => {
  pbx = await startKamailio({ auth: true });
  t = await phoneBackend('phone');
  company = (await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'شرکت نمونهٔ پارس' })).id;
  maryam = (
    await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'مریم',
      lastName: 'کریمی',
      jobTitle: 'مدیر خرید',
      organisationId: company,
      phones: [{ kind: 'mobile', number: '۰۹۱۲ ۳۴۵ ۶۷۸۹' }],
    })
  ).id;
  await ok(t.backend, 'notes.create', { identityId: maryam, body: 'سفارش دوم را پیگیری کند' });
  await ok(t.backend, 'phone.account.save', { server: pbx.wsUrl, user: '100', password: pbx.password, displayName: 'پذیرش' });
  await registered(t);
});
afterAll(async () => {
  await t?.dispose();
  await Promise.all(far.map((b) => b.stop()));
  await pbx?.close();
});

function answerNext(): Promise<IncomingCall> {
  return t.next<IncomingCall>('call.incoming').then(async (c) => {
    await ok(t.backend, 'phone.answer', { callId: c.call.id });
    return c;
  });
}

function ended(id: string): Promise<{ call: CallView }> {
  return t.next<{ call: CallView }>('call.ended', (e) => e.call.id === id, { since: 0 });
}

describe('the account', () => {
  it('keeps the password sealed with a key outside the database, and never answers it back', async () => {
    const row = t.backend.db.prepare('SELECT password_sealed FROM phone_account').get() as { password_sealed: string };
    expect(row.password_sealed.startsWith('k1:')).toBe(true);
    expect(row.password_sealed).not.toContain(pbx.password);
    expect(readFileSync(t.backend.dbFile).includes(Buffer.from(pbx.password))).toBe(false);
    expect(existsSync(join(t.dataDir, 'keys', 'secrets.key'))).toBe(true);
    const view = await ok(t.backend, 'phone.account.get', {});
    expect(view).toMatchObject({ server: pbx.wsUrl, user: '100', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain(pbx.password);
  });

  it('refuses bad settings with a clear Persian message and keeps what was saved', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'phone.account.save', { server: 'http://pbx', user: 'داخلی' });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.map((i) => i.path[0])).toEqual(['server', 'user']);
    expect(e.issues?.[0]?.message).toMatch(/ws:\/\/|wss:\/\//);
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('an incoming call', () => {
  it('pops up with the identity its number belongs to (another format), their organisation and recent history', async () => {
    // Edits after the note: the audit trail is not "recent history" and must not crowd it out.
    const current = await ok(t.backend, 'identities.get', { id: maryam });
    for (const tags of [['الف'], ['الف', 'ب'], ['الف', 'ب', 'پ'], []]) {
      await ok(t.backend, 'identities.update', {
        id: maryam,
        kind: 'person',
        firstName: current.firstName ?? undefined,
        lastName: current.lastName ?? undefined,
        jobTitle: current.jobTitle ?? undefined,
        organisationId: company,
        tags,
        phones: current.phones.map((p) => ({ id: p.id, kind: p.kind, number: p.number })),
      });
    }
    const incoming = t.next<IncomingCall>('call.incoming');
    const result = sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '+989123456789', display: quoted('M. Karimi'), holdMs: 500 });
    const c = await incoming;
    expect(c.call).toMatchObject({ direction: 'incoming', number: '+989123456789', remoteName: 'M. Karimi', state: 'ringing' });
    expect(c.matches[0]).toMatchObject({ id: maryam, displayName: 'مریم کریمی', organisationName: 'شرکت نمونهٔ پارس', jobTitle: 'مدیر خرید', phoneKind: 'mobile' });
    expect(c.call.identity?.id).toBe(maryam);
    expect(c.recent.map((r) => (r.data as { body?: string }).body)).toContain('سفارش دوم را پیگیری کند');
    expect(c.recent.map((r) => r.kind)).not.toContain('change');
    expect(c.screenPop).toEqual({ action: 'profile', item: 'note' });
    expect((await ended(c.call.id)).call.outcome).toBe('missed');
    await result;
  });

  it('takes the number from P-Asserted-Identity when the PBX asserts one', async () => {
    const incoming = t.next<IncomingCall>('call.incoming');
    const result = sipp(pbx, {
      scenario: 'caller-gives-up',
      to: '100',
      caller: '0211234567',
      extra: 'P-Asserted-Identity: "مریم" <sip:09123456789@127.0.0.1;user=phone>',
      holdMs: 300,
    });
    const c = await incoming;
    expect(c.call.number).toBe('09123456789');
    expect(c.matches[0]?.id).toBe(maryam);
    await result;
  });

  it('from an unknown number pops up with no match, and can be filed under an identity with its number added', async () => {
    const incoming = t.next<IncomingCall>('call.incoming');
    const result = sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '02188776655', holdMs: 1_500 });
    const c = await incoming;
    expect(c.matches).toEqual([]);
    expect(c.call.identity).toBeNull();
    const record = await ok(t.backend, 'phone.calls.assign', { id: c.call.id, identityId: company, addNumber: 'work' });
    expect(record.identity).toEqual({ id: company, displayName: 'شرکت نمونهٔ پارس' });
    const org = await ok(t.backend, 'identities.get', { id: company });
    expect(org.phones.map((p) => p.e164)).toContain('+982188776655');
    await result;
    // The next call from that number is known.
    const again = t.next<IncomingCall>('call.incoming');
    const second = sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '02188776655', holdMs: 200 });
    expect((await again).matches[0]?.id).toBe(company);
    await second;
  });

  it('answered and hung up by the caller is recorded "answered" with its times and duration', async () => {
    const answered = answerNext();
    const result = sipp(pbx, { scenario: 'answered-caller-hangs-up', to: '100', caller: '09123456789', holdMs: 600 });
    const c = await answered;
    const e = await ended(c.call.id);
    expect((await result).successful).toBe(1);
    const row = t.backend.db.prepare('SELECT * FROM call_records WHERE id = ?').get(c.call.id) as Record<string, unknown>;
    expect(row).toMatchObject({ direction: 'incoming', number: '09123456789', e164: '+989123456789', identity_id: maryam, outcome: 'answered' });
    expect(row.answered_at).toBe(e.call.answeredAt);
    expect(row.ended_at).toBe(e.call.endedAt);
    expect(row.duration_ms as number).toBeGreaterThanOrEqual(500);
  });

  it('declined is "rejected"; during do-not-disturb it is "busy", never pops up, and nothing is notified', async () => {
    const incoming = t.next<IncomingCall>('call.incoming');
    const declined = sipp(pbx, { scenario: 'refused', to: '100', caller: '09123456789' });
    const c = await incoming;
    await ok(t.backend, 'phone.decline', { callId: c.call.id });
    expect((await ended(c.call.id)).call.outcome).toBe('rejected');
    await declined;

    await ok(t.backend, 'phone.dnd', { on: true });
    try {
      const mark = t.events.length;
      const notifiedBefore = t.notified.length;
      const busy = await sipp(pbx, { scenario: 'refused', to: '100', caller: '09123456789' });
      expect(busy.output).toContain('486');
      const e = await t.next<{ call: CallView }>('call.ended', () => true, { since: mark });
      expect(e.call.outcome).toBe('busy');
      expect(t.events.slice(mark).some((x) => x.event === 'call.incoming')).toBe(false);
      expect(t.notified.length).toBe(notifiedBefore);
      expect((await ok(t.backend, 'phone.status', {})).dnd).toBe(true);
    } finally {
      await ok(t.backend, 'phone.dnd', { on: false });
    }
  });

  it('with no window showing it, is also told natively', async () => {
    const before = t.notified.length;
    await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '09123456789', holdMs: 200 });
    expect(t.notified.length).toBe(before + 1);
    expect(t.notified.at(-1)?.title).toContain('مریم کریمی');
    expect(t.notified.at(-1)?.body).toBe('09123456789');
    // A visible window serves the calls: no native notification then.
    await ok(t.backend, 'phone.media.attach', { engineId: 'window-one-0001', visible: true });
    await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '09123456789', holdMs: 200 });
    expect(t.notified.length).toBe(before + 1);
    await ok(t.backend, 'phone.media.detach', { engineId: 'window-one-0001' });
  });

  it('with a hostile display name, a garbage asserted identity and a huge header is plain text and breaks nothing', async () => {
    const incoming = t.next<IncomingCall>('call.incoming');
    const result = sipp(pbx, {
      scenario: 'caller-gives-up',
      to: '100',
      caller: '09129998877',
      display: quoted('<img src=x onerror=alert(1)>\u202Egnp.exe ' + 'ع'.repeat(300)),
      extra: `P-Asserted-Identity: <<<garbage "${'x'.repeat(5000)}`,
      holdMs: 300,
    });
    const c = await incoming;
    expect(c.call.number).toBe('09129998877');
    expect(c.call.remoteName?.startsWith('<img src=x onerror=alert(1)> gnp.exe ')).toBe(true);
    expect(c.call.remoteName).not.toContain('\u202E');
    expect([...(c.call.remoteName ?? '')].length).toBeLessThanOrEqual(80);
    await result;
  });

  it('that is malformed (a control character in the display name) is dropped, and the next call works', async () => {
    const mark = t.events.length;
    const bad = await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '09129998877', display: '"bell\u0007"', holdMs: 300, answerWithinMs: 3_000 });
    expect(bad.successful).toBe(0);
    expect(t.events.slice(mark).some((e) => e.event === 'call.incoming')).toBe(false);
    expect((await ok(t.backend, 'phone.status', {})).state).toBe('registered');
    const incoming = t.next<IncomingCall>('call.incoming');
    const good = sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '09123456789', holdMs: 200 });
    expect((await incoming).matches[0]?.id).toBe(maryam);
    expect((await good).successful).toBe(1);
  });
});

describe('an outgoing call', () => {
  it('to baresip, dialled in Persian digits, is recorded "answered" under the identity of the number', async () => {
    const b = await startBaresip(pbx, { user: '301' });
    far.push(b);
    const up = b.waitFor('CALL_ESTABLISHED');
    const call = await ok(t.backend, 'phone.dial', { number: '۳۰۱' });
    expect(call).toMatchObject({ direction: 'outgoing', number: '301', state: 'dialing' });
    await up;
    await t.next<PhoneStatus>('phone.status', (s) => s.calls.some((c) => c.id === call.id && c.state === 'connected'), { since: 0 });
    await ok(t.backend, 'phone.hangup', { callId: call.id });
    expect((await ended(call.id)).call.outcome).toBe('answered');
  });

  it('is refused with a clear message when the number is not one, and nothing is written', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'phone.dial', { number: 'شمارهٔ بد' });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.[0]?.message).toContain('شماره');
    expect(snapshot(t.backend.db)).toEqual(before);
    const gone = await fails(t.backend, 'phone.hangup', { callId: '0190a000-0000-7000-8000-000000000000' });
    expect(gone.code).toBe('not-found');
  });
});

describe('the call history and the log form', () => {
  it('lists calls newest first with a missed filter and badge that resets when the history is seen', async () => {
    const all = await ok(t.backend, 'phone.calls.list', { limit: 200 });
    expect(all.items.length).toBeGreaterThanOrEqual(8);
    const starts = all.items.map((c) => c.startedAt);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const missed = await ok(t.backend, 'phone.calls.list', { filter: 'missed' });
    expect(missed.items.every((c) => c.direction === 'incoming' && (c.outcome === 'missed' || c.outcome === 'busy'))).toBe(true);
    expect(missed.missedUnseen).toBe(missed.items.length);
    await ok(t.backend, 'phone.calls.seen', {});
    expect((await ok(t.backend, 'phone.calls.list', { filter: 'missed' })).missedUnseen).toBe(0);
    const page1 = await ok(t.backend, 'phone.calls.list', { limit: 3 });
    const page2: CallPage = await ok(t.backend, 'phone.calls.list', { limit: 3, before: page1.next! });
    expect(page2.items[0]!.startedAt).toBeLessThanOrEqual(page1.items[2]!.startedAt);
    expect(page2.items.map((c) => c.id)).not.toContain(page1.items[2]!.id);
  });

  it('files the answered call into the identity’s history with its subject, summary and follow-up', async () => {
    const answered = (await ok(t.backend, 'phone.calls.list', { filter: 'incoming', limit: 200 })).items.find((c) => c.outcome === 'answered')!;
    const at = Date.now() + 86_400_000;
    const logged = await ok(t.backend, 'phone.calls.log', { id: answered.id, subject: 'پیگیری سفارش', summary: 'قرار شد فاکتور فرستاده شود.', followUp: { at, note: 'تماس دوباره' } });
    expect(logged).toMatchObject({ subject: 'پیگیری سفارش', followUpAt: at, followUpNote: 'تماس دوباره' });
    const history: TimelinePage = await ok(t.backend, 'history.timeline', { identityId: maryam, kinds: ['call'] });
    const item = history.items.find((i) => i.key === answered.id)!;
    expect(item.kind).toBe('call');
    expect(item.data as CallTimelineData).toMatchObject({ direction: 'incoming', outcome: 'answered', subject: 'پیگیری سفارش', summary: 'قرار شد فاکتور فرستاده شود.' });
    expect(history.items.every((i) => i.kind === 'call')).toBe(true);
  });

  it('refuses a log without a subject (Persian message) and writes nothing', async () => {
    const some = (await ok(t.backend, 'phone.calls.list', { limit: 1 })).items[0]!;
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'phone.calls.log', { id: some.id, subject: '   ' });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.[0]?.path).toEqual(['subject']);
    expect(e.message).toMatch(/[\u0600-\u06FF]/);
    const missing = await fails(t.backend, 'phone.calls.log', { id: some.id, subject: 'x', identityId: '0190a000-0000-7000-8000-000000000000' });
    expect(missing.code).toBe('invalid-input');
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it('the screen-pop choice is the user’s own and comes with the next call', async () => {
    // Any feature's new-item form (the renderer's `newItemForms` slot), not a fixed list.
    await ok(t.backend, 'phone.screenPop.set', { action: 'new-item', item: 'task' });
    expect(await ok(t.backend, 'phone.screenPop.get', {})).toEqual({ action: 'new-item', item: 'task' });
    const incoming = t.next<IncomingCall>('call.incoming');
    const result = sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '09123456789', holdMs: 200 });
    expect((await incoming).screenPop).toEqual({ action: 'new-item', item: 'task' });
    await result;
  });

  it('a screen-pop form kind that is no form key is refused, said in Persian, and changes nothing', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'phone.screenPop.set', { action: 'new-item', item: '<script>' });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.[0]?.path).toEqual(['item']);
    expect(e.message).toMatch(/[\u0600-\u06FF]/);
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('a restart', () => {
  it('registers again by itself with the sealed password, keeps the history, and closes calls it never saw end', async () => {
    const count = (t.backend.db.prepare('SELECT count(*) FROM call_records').pluck().get() as number) + 1;
    // A call the previous run was in when it stopped (the app was killed mid-call).
    t.backend.store.write(null, (w) =>
      w.insert('call_records', { direction: 'incoming', number: '0211', started_at: Date.now() - 60_000, answered_at: Date.now() - 50_000 }),
    );
    const dataDir = t.dataDir;
    await t.close();
    t = await phoneBackend('phone', dataDir);
    await registered(t);
    expect(t.backend.db.prepare('SELECT count(*) FROM call_records').pluck().get()).toBe(count);
    expect(t.backend.db.prepare('SELECT count(*) FROM call_records WHERE outcome IS NULL').pluck().get()).toBe(0);
    expect(t.backend.db.prepare("SELECT outcome FROM call_records WHERE number = '0211'").pluck().get()).toBe('answered');
  });
});
