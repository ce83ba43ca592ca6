/**
 * Two judgements of the identity form (the e2e checks what the person sees): when closing
 * it would lose typed input (only when what would be saved differs from what the form
 * started with), and which numbers to look for in other identities before saving.
 */
import { describe, expect, it } from 'vitest';
import { draftChanged, draftFromIdentity, emptyDraft, newEmailRow, newPhoneRow, numbersToCheck } from '../../../renderer/features/identities/identityForm';
import type { Identity } from '../../../main/contract';

const existing: Identity = {
  id: '0190a0c0-0000-7000-8000-000000000001',
  kind: 'person',
  honorific: null,
  firstName: 'مینا',
  lastName: 'کرمانی',
  organisationName: null,
  organisation: null,
  jobTitle: null,
  displayName: 'مینا کرمانی',
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

describe('closing the identity form', () => {
  it('loses nothing when a new form is untouched, has only blank rows, or was typed in and emptied again', () => {
    const initial = emptyDraft('person');
    expect(draftChanged(initial, initial)).toBe(false);
    expect(draftChanged(initial, { ...initial, phones: [...initial.phones, newPhoneRow()], emails: [newEmailRow()] })).toBe(false);
    expect(draftChanged(initial, { ...initial, firstName: '   ' })).toBe(false);
    expect(draftChanged(initial, { ...initial, firstName: '' })).toBe(false);
  });

  it('would lose a name, a number or a tag typed into a new form', () => {
    const initial = emptyDraft('person');
    expect(draftChanged(initial, { ...initial, firstName: 'کیوان' })).toBe(true);
    expect(draftChanged(initial, { ...initial, phones: [{ ...initial.phones[0]!, number: '0912' }] })).toBe(true);
    expect(draftChanged(initial, { ...initial, tags: ['مشتری'] })).toBe(true);
  });

  it('loses nothing when an edit changed nothing, and would lose a changed, added or removed phone', () => {
    const initial = draftFromIdentity(existing);
    // A second form made from the same record (new row keys) is still the same record.
    expect(draftChanged(initial, draftFromIdentity(existing))).toBe(false);
    expect(draftChanged(initial, { ...initial, phones: [{ ...initial.phones[0]!, number: '09121234568' }] })).toBe(true);
    expect(draftChanged(initial, { ...initial, phones: [...initial.phones, { ...newPhoneRow(), number: '021 8888 0000' }] })).toBe(true);
    expect(draftChanged(initial, { ...initial, phones: [] })).toBe(true);
    expect(draftChanged(initial, { ...initial, jobTitle: 'مدیر' })).toBe(true);
  });
});

describe('the numbers checked against other identities before saving', () => {
  it('are every number of a new identity, without blank rows', () => {
    const d = emptyDraft('person');
    d.phones = [{ ...newPhoneRow(), number: ' 0912 123 4567 ' }, newPhoneRow(), { ...newPhoneRow('work'), number: '021 8888 1234' }];
    expect(numbersToCheck(emptyDraft('person'), d)).toEqual(['0912 123 4567', '021 8888 1234']);
  });

  it('are only the added or changed numbers of an edited identity', () => {
    const initial = draftFromIdentity(existing);
    expect(numbersToCheck(initial, initial)).toEqual([]);
    const kept = initial.phones[0]!;
    expect(numbersToCheck(initial, { ...initial, phones: [kept, { ...newPhoneRow(), number: '021 8888 1234' }] })).toEqual(['021 8888 1234']);
    expect(numbersToCheck(initial, { ...initial, phones: [{ ...kept, number: '09351112233' }] })).toEqual(['09351112233']);
  });
});
