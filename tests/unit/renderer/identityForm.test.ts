import { describe, expect, it } from 'vitest';
import {
  draftFromIdentity,
  draftToInput,
  emptyDraft,
  newAddressRow,
  newEmailRow,
  newPhoneRow,
  placeIssues,
} from '../../../renderer/features/identities/identityForm';
import type { Identity } from '../../../main/contract';

describe('the identity form', () => {
  it('leaves unused rows out, and remembers which row each sent item came from', () => {
    const d = emptyDraft('person');
    const used = newPhoneRow('work');
    used.number = '۰۲۱ ۸۸۸۸ ۰۰۰۰';
    d.firstName = ' کیوان ';
    d.phones = [newPhoneRow(), used, newPhoneRow()];
    d.emails = [newEmailRow()];
    d.addresses = [newAddressRow()];
    const { input, sent } = draftToInput(d);
    expect(input.firstName).toBe('کیوان');
    expect(input.lastName).toBeUndefined();
    expect(input.phones).toEqual([{ kind: 'work', number: '۰۲۱ ۸۸۸۸ ۰۰۰۰' }]);
    expect(input.emails).toEqual([]);
    expect(input.addresses).toEqual([]);
    expect(sent.phones).toEqual([used.key]);
  });

  it('sends a half-filled address so the backend can say what is missing', () => {
    const d = emptyDraft('person');
    const a = newAddressRow();
    a.city = 'تهران';
    d.addresses = [a];
    expect(draftToInput(d).input.addresses).toEqual([{ kind: 'work', line: '', city: 'تهران', postalCode: undefined }]);
  });

  it('sends only the fields of the chosen kind', () => {
    const d = emptyDraft('organisation');
    d.organisationName = 'آلومینیوم پارس';
    d.firstName = 'left over';
    d.organisation = { id: 'x', displayName: 'y' };
    const { input } = draftToInput(d);
    expect(input.organisationName).toBe('آلومینیوم پارس');
    expect(input.firstName).toBeUndefined();
    expect(input.organisationId).toBeNull();
  });

  it('puts each backend issue next to the row it is about', () => {
    const d = emptyDraft('person');
    const blank = newPhoneRow();
    const bad = newPhoneRow();
    bad.number = '12';
    d.phones = [blank, bad];
    const { sent } = draftToInput(d);
    const placed = placeIssues(
      [
        { path: ['phones', 0, 'number'], message: 'شماره معتبر نیست.' },
        { path: ['lastName'], message: 'نام یا نام خانوادگی را وارد کنید.' },
        { path: ['organisationId'], message: 'سازمان پیدا نشد.' },
        { path: ['emails', 3, 'address'], message: 'ایمیل نادرست' },
        { path: [], message: 'چیزی درست نیست.' },
      ],
      sent,
    );
    expect(placed.fields).toEqual({
      [`phones.${bad.key}.number`]: 'شماره معتبر نیست.',
      lastName: 'نام یا نام خانوادگی را وارد کنید.',
      organisation: 'سازمان پیدا نشد.',
    });
    expect(placed.general).toEqual(['ایمیل نادرست', 'چیزی درست نیست.']);
  });

  it('puts an issue about a whole row under its main field', () => {
    const d = emptyDraft('person');
    d.phones[0]!.number = '123';
    const { sent } = draftToInput(d);
    const placed = placeIssues([{ path: ['phones', 0], message: 'تکراری' }], sent);
    expect(placed.fields).toEqual({ [`phones.${d.phones[0]!.key}.number`]: 'تکراری' });
  });

  it('round-trips an identity for editing, keeping row ids', () => {
    const x: Identity = {
      id: '0190a0c0-0000-7000-8000-000000000001',
      kind: 'person',
      honorific: 'دکتر',
      firstName: 'مینا',
      lastName: 'کرمانی',
      organisationName: null,
      organisation: { id: '0190a0c0-0000-7000-8000-000000000002', displayName: 'پارس' },
      jobTitle: null,
      displayName: 'دکتر مینا کرمانی',
      tags: ['مشتری'],
      notes: null,
      phones: [{ id: '0190a0c0-0000-7000-8000-000000000003', kind: 'mobile', number: '09121234567', e164: '+989121234567', display: '0912 123 4567' }],
      emails: [],
      addresses: [],
      members: [],
      createdAt: 0,
      createdBy: null,
      updatedAt: 0,
      updatedBy: null,
    };
    const { input } = draftToInput(draftFromIdentity(x));
    expect(input).toMatchObject({
      kind: 'person',
      honorific: 'دکتر',
      firstName: 'مینا',
      lastName: 'کرمانی',
      organisationId: '0190a0c0-0000-7000-8000-000000000002',
      tags: ['مشتری'],
      phones: [{ id: '0190a0c0-0000-7000-8000-000000000003', kind: 'mobile', number: '09121234567' }],
    });
  });
});
