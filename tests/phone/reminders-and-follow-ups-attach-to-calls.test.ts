/**
 * Calls as items: a reminder or a follow-up attaches to a call record, and the post-call
 * form's "follow up on…" becomes a real follow-up. No PBX is needed: the call record is
 * written through the store's write path as the softphone writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJalali } from '../../main/api/jalali-input';
import type { Caller } from '../../main/api/router';
import type { PhoneService } from '../../main/phone/service';
import { fails, ok, snapshot } from '../api/backend-fixture';
import { apiError } from '../calendar/fixture';
import { identity, startWork, type Work } from '../tasks/work-fixture';

let w: Work;
let customer = '';
beforeAll(async () => {
  w = await startWork('phone-items');
  customer = identity(w);
});
afterAll(() => w.close());

/** A finished call, as the softphone records one. */
function call(fields: { direction: 'incoming' | 'outgoing'; number: string; remoteName?: string; identityId?: string }): string {
  const now = w.clock.now();
  return w.backend.store.write(null, (wr) =>
    wr.insert('call_records', {
      direction: fields.direction,
      number: fields.number,
      e164: null,
      remote_name: fields.remoteName ?? null,
      identity_id: fields.identityId ?? null,
      user_id: w.admin.userId,
      sip_call_id: `sip-${now}`,
      started_at: now - 60_000,
      answered_at: now - 55_000,
      ended_at: now,
      duration_ms: 55_000,
      outcome: 'answered',
    }),
  );
}
const at = (s: string) => parseJalali(s)!;

describe('calls as items', () => {
  it('take a reminder, called by the caller until the call is logged and by its subject after', async () => {
    const unknown = call({ direction: 'incoming', number: '02188776655', remoteName: 'Reception' });
    const r = await ok(w.backend, 'reminders.create', { item: { kind: 'call', id: unknown }, at: '1404/01/01 16:00' });
    expect(r).toMatchObject({ item: { kind: 'call', id: unknown }, title: 'تماس ورودی از Reception', link: '/phone' });
    const filed = call({ direction: 'outgoing', number: '09121234567', identityId: customer });
    await ok(w.backend, 'phone.calls.log', { id: filed, subject: 'پیگیری سفارش', summary: '' });
    const r2 = w.reminders.create({ item: { kind: 'call', id: filed }, at: at('1404/01/02 10:00') }, w.admin.userId);
    // A call filed under an identity opens that identity's page, whose history lists the call.
    expect([r2.title, r2.link]).toEqual(['پیگیری سفارش', `/identities/${customer}`]);
  });

  it('refuse a reminder on a call that does not exist, and on any call for someone who may not use the phone; nothing is written', async () => {
    const before = snapshot(w.backend.db);
    const missing = await fails(w.backend, 'reminders.create', { item: { kind: 'call', id: '0190a000-0000-7000-8000-000000000000' }, at: '1404/01/01 16:00' });
    expect(missing.code).toBe('not-found');
    const role = w.organisation.createRole({ name: 'بایگانی', permissions: ['reminders.use', 'followups.use'] }, w.admin.userId);
    const archivist = w.organisation.createUser({ username: 'archivist', displayName: 'بایگان', roleIds: [role.id], groupIds: [] }, w.admin.userId);
    const some = call({ direction: 'incoming', number: '02100000000' });
    const mid = snapshot(w.backend.db);
    expect(apiError(() => w.reminders.create({ item: { kind: 'call', id: some }, at: at('1404/01/02 10:00') }, archivist.id)).code).toBe('not-found');
    expect(snapshot(w.backend.db)).toEqual(mid);
    expect(before.counts.reminders).toBe(mid.counts.reminders);
  });

  it('a logged call’s follow-up is a real follow-up on the call: in the agenda and in the identity’s history, once', async () => {
    const c = call({ direction: 'incoming', number: '09127654321', identityId: customer });
    const next = w.clock.now() + 86_400_000;
    const log = (me: Caller, note: string) =>
      w.backend.service<PhoneService>('phone').log({ id: c, subject: 'درخواست پیش‌فاکتور', summary: '', followUp: { at: next, note } }, me.userId);
    log(w.admin, 'قیمت جدید را بگو');
    const agenda = w.followups.agenda(w.admin.userId);
    const mine = agenda.tomorrow.filter((f) => f.item.id === c);
    expect(mine.map((f) => [f.item.kind, f.note, f.next, f.title])).toEqual([['call', 'قیمت جدید را بگو', { at: next, hasTime: true }, 'درخواست پیش‌فاکتور']]);
    expect(w.backend.db.prepare('SELECT identity_id FROM followups WHERE id = ?').pluck().get(mine[0]!.id)).toBe(customer);
    // The form saved again unchanged adds no second follow-up.
    log(w.admin, 'قیمت جدید را بگو');
    expect(w.followups.forItem({ kind: 'call', id: c }, w.admin.userId)).toHaveLength(1);
  });
});
