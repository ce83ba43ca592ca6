import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertedValues } from '../../db/sync/inserted-values';
import { findIllFormedText, hasVisibleLetterOrDigit, stripBidiControls } from '../../main/api/text-hygiene';
import { fails, ok, snapshot, startBackend, type TestBackend } from './backend-fixture';

let t: TestBackend;
beforeAll(async () => {
  t = await startBackend('hygiene');
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('text at the boundary', () => {
  it('a lone surrogate anywhere in the input (value or key, however deep) is refused with its path, and nothing is written', async () => {
    for (const [method, input, path] of [
      ['identities.create', { kind: 'person', firstName: 'ab\uD800cd' }, ['firstName']],
      ['identities.create', { kind: 'person', firstName: 'x', phones: [{ kind: 'mobile', number: '0912\uDC00' }] }, ['phones', 0, 'number']],
      ['identities.create', { kind: 'person', firstName: 'x', tags: ['ok', 'b\uDBFF'] }, ['tags', 1]],
      ['notes.create', { identityId: '00000000-0000-7000-8000-000000000000', body: 'end\uD83D' }, ['body']],
      ['identities.list', { query: '\uDE00' }, ['query']],
      ['identities.create', { kind: 'person', firstName: 'x', ['k\uD800']: 1 }, ['k\uD800']],
    ] as const) {
      const before = snapshot(t.backend.db);
      const e = await fails(t.backend, method, input);
      expect(e.code, JSON.stringify(path)).toBe('invalid-input');
      expect(e.issues).toEqual([{ path, message: 'این متن نویسهٔ نامعتبری دارد (احتمالاً از جای دیگری ناقص کپی شده است). آن را دوباره تایپ کنید.' }]);
      expect(snapshot(t.backend.db)).toEqual(before);
    }
  });

  it('whole surrogate pairs (emoji, rare CJK) are ordinary text; row and outbox keep the same text', async () => {
    const made = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'گل🌹', lastName: '𠀀' });
    expect(made.firstName).toBe('گل🌹');
    const rowName = () => t.backend.db.prepare('SELECT first_name FROM identities WHERE id = ?').pluck().get(made.id);
    // What sync pushes for the insert is read back from the row (db/sync/inserted-values.ts).
    const insert = t.backend.db.prepare("SELECT seq, table_name, row_id, fields FROM outbox WHERE row_id = ? AND op = 'insert'").get(made.id) as {
      seq: number;
      table_name: string;
      row_id: string;
      fields: string | null;
    };
    expect(insertedValues(t.backend.store, insert).first_name).toBe('گل🌹');
    expect(rowName()).toBe('گل🌹');
    // An update's entry carries the new text itself: the same as the row holds.
    await ok(t.backend, 'identities.update', { id: made.id, kind: 'person', firstName: '🌷لاله', lastName: '𠀀' });
    const update = t.backend.db.prepare("SELECT fields FROM outbox WHERE row_id = ? AND op = 'update' ORDER BY seq DESC").pluck().get(made.id) as string;
    expect(JSON.parse(update).first_name).toBe('🌷لاله');
    expect(rowName()).toBe('🌷لاله');
  });

  it('a name needs a letter or digit one can see: ZWSP, ZWNJ, RLO or combining marks alone are refused', async () => {
    for (const invisible of ['\u200B', '\u200C\u200C', '\u202E', '\u0301\u0302', '\u200F\u200B\u200C', '\uFEFF']) {
      const person = await fails(t.backend, 'identities.create', { kind: 'person', firstName: invisible });
      expect(person.code, JSON.stringify(invisible)).toBe('invalid-input');
      expect(person.issues?.map((i) => i.message)).toContainEqual(expect.stringMatching(/حرف یا رقم دیدنی|نام یا نام خانوادگی/));
      const org = await fails(t.backend, 'identities.create', { kind: 'organisation', organisationName: invisible });
      expect(org.code).toBe('invalid-input');
      for (const [method, input] of [
        ['organisation.createRoom', { name: invisible }],
        ['organisation.createPosition', { title: invisible }],
        ['organisation.createGroup', { name: invisible, kind: 'group' }],
      ] as const) {
        expect((await fails(t.backend, method, input)).code, `${method} ${JSON.stringify(invisible)}`).toBe('invalid-input');
      }
    }
    // A real name with a ZWNJ inside is fine.
    expect((await ok(t.backend, 'identities.create', { kind: 'person', lastName: 'می\u200Cخواهی' })).lastName).toBe('می\u200Cخواهی');
  });

  it('bidi controls are stripped from names, numbers and single-line fields, and kept in notes', async () => {
    const made = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: '\u202Eevil.exe',
      lastName: 'رضا\u2067یی\u2069',
      jobTitle: '\u200Fمدیر',
      tags: ['\u202Dvip'],
      notes: 'خط اول\n\u202Bنقل\u202C',
      phones: [{ kind: 'mobile', number: '\u202A0912 123 4567\u202C' }],
      addresses: [{ kind: 'home', line: '\u202Eخیابان', city: '\u2066تهران\u2069' }],
    });
    expect(made).toMatchObject({ firstName: 'evil.exe', lastName: 'رضایی', jobTitle: 'مدیر', tags: ['vip'], notes: 'خط اول\n\u202Bنقل\u202C' });
    expect(made.phones[0]).toMatchObject({ number: '0912 123 4567', e164: '+989121234567' });
    expect(made.addresses[0]).toMatchObject({ line: 'خیابان', city: 'تهران' });
    expect(made.displayName).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
  });

  it('ZWSP (and other invisibles) in a number are ignored, as ZWNJ is', async () => {
    const made = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'صفر',
      phones: [{ kind: 'mobile', number: '0912\u200B765\u20604321' }],
    });
    expect(made.phones[0]?.e164).toBe('+989127654321');
    const found = await ok(t.backend, 'identities.lookupPhone', { number: '\u200B0912\u200B765\u200C4321' });
    expect(found.matches.map((m) => m.id)).toContain(made.id);
  });

  it('the helpers say what they do', () => {
    expect(stripBidiControls('\u202Ea\u2066b\u2069\u200Ec\u061C')).toBe('abc');
    expect(hasVisibleLetterOrDigit('\u200B\u0301')).toBe(false);
    expect(hasVisibleLetterOrDigit('۱')).toBe(true);
    expect(findIllFormedText({ a: [{ b: 'ok' }, { c: 'x\uD800' }] })).toEqual(['a', 1, 'c']);
    expect(findIllFormedText({ a: '🌹', b: ['\uD83C\uDF39'] })).toBeNull();
    expect(findIllFormedText('\uDC00\uD800')).toEqual([]);
  });
});
