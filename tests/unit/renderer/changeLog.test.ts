import { describe, expect, it } from 'vitest';
import { describeChanges, shownValue } from '../../../renderer/features/identities/changeLog';

describe('the change log as people read it', () => {
  it('keeps the fields a person typed and drops internal columns', () => {
    const shown = describeChanges([
      {
        table: 'identities',
        rowId: 'r',
        op: 'update',
        fields: [
          { field: 'job_title', from: null, to: 'مدیر فروش' },
          { field: 'sort_key', from: 'a', to: 'b' },
          { field: 'display_name', from: 'a', to: 'b' },
          { field: 'tags', from: '[]', to: '["مشتری","ویژه"]' },
        ],
      },
    ]);
    expect(shown).toEqual([
      {
        table: 'identities',
        op: 'update',
        fields: [
          { field: 'job_title', from: { type: 'empty' }, to: { type: 'text', text: 'مدیر فروش' } },
          { field: 'tags', from: { type: 'empty' }, to: { type: 'list', items: ['مشتری', 'ویژه'] } },
        ],
      },
    ]);
  });

  it('translates kinds, keeps numbers left-to-right and hides ids', () => {
    expect(shownValue('identity_phones', 'kind', 'mobile')).toEqual({ type: 'enum', key: 'phoneKinds.mobile' });
    expect(shownValue('identities', 'kind', 'person')).toEqual({ type: 'enum', key: 'kinds.person' });
    expect(shownValue('identity_phones', 'number', '0912 345 6789')).toEqual({ type: 'ltr', text: '0912 345 6789' });
    expect(shownValue('identities', 'organisation_id', '0190a0c0-0000-7000-8000-000000000002')).toEqual({ type: 'opaque' });
  });

  it('reads camelCase field names as the columns', () => {
    const [c] = describeChanges([
      { table: 'identities', rowId: 'r', op: 'update', fields: [{ field: 'firstName', from: 'a', to: 'b' }] },
    ]);
    expect(c?.fields[0]?.field).toBe('first_name');
  });

  it('keeps an added or removed row even when it shows no field', () => {
    const shown = describeChanges([
      { table: 'identity_phones', rowId: 'p', op: 'delete', fields: [] },
      { table: 'identities', rowId: 'r', op: 'update', fields: [{ field: 'sort_key', from: 'a', to: 'b' }] },
    ]);
    expect(shown.map((c) => c.op)).toEqual(['delete']);
  });
});
