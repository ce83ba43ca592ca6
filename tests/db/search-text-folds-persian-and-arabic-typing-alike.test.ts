import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import type * as Text from '../../db/text';
import { tempDir } from './temp-folder';

/**
 * db/text.ts is loaded once the tests start, not by an import at the top: its digit and
 * letter tables and its patterns are made when it loads, and a mutation run switches its
 * mutant on only as the tests start.
 */
let T: typeof Text;
beforeAll(async () => {
  vi.resetModules();
  T = await import('../../db/text');
});
const normaliseText = (s: string) => T.normaliseText(s);
const toLatinDigits = (s: string) => T.toLatinDigits(s);
const toPersianDigits = (s: string) => T.toPersianDigits(s);
const ftsPrefixQuery = (s: string) => T.ftsPrefixQuery(s);

const ZWNJ = '\u200C';

describe('normaliseText', () => {
  it('folds Arabic letter variants to Persian', () => {
    expect(normaliseText('علي')).toBe('علی'); // Arabic yeh
    expect(normaliseText('مصطفى')).toBe('مصطفی'); // alef maksura
    expect(normaliseText('كيوان')).toBe('کیوان'); // Arabic kaf and yeh
    expect(normaliseText('يزداني')).toBe('یزدانی');
    expect(normaliseText('كيوان يزداني')).toBe(normaliseText('کیوان یزدانی'));
  });

  it('removes ZWNJ and other invisible marks', () => {
    expect(normaliseText(`علی${ZWNJ}رضا`)).toBe('علیرضا');
    expect(normaliseText(`می${ZWNJ}روم`)).toBe('میروم');
    expect(normaliseText('\u200Fسلام\u200E\uFEFF')).toBe('سلام');
    expect(normaliseText(`علی${ZWNJ}رضا`)).toBe(normaliseText('علیرضا'));
  });

  it('removes diacritics (fatha, kasra, damma, tanwin, shadda, sukun) and tatweel', () => {
    expect(normaliseText('مُحَمَّد')).toBe('محمد'); // damma, fatha, shadda
    expect(normaliseText('کِتاب')).toBe('کتاب'); // kasra
    expect(normaliseText('فوراً')).toBe('فورا'); // tanwin (fathatan)
    expect(normaliseText('مـــحـــمـــد')).toBe('محمد'); // tatweel
    expect(normaliseText('مَسْجِد')).toBe('مسجد'); // sukun
  });

  it('maps Persian and Arabic-Indic digits to ASCII', () => {
    expect(normaliseText('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normaliseText('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('پلاک ۱۲ واحد ٣')).toBe('پلاک 12 واحد 3');
    expect(toLatinDigits('abc')).toBe('abc');
  });

  it('writes ASCII digits as Persian digits and leaves everything else', () => {
    expect(toPersianDigits('پلاک 12، واحد 3 - 0987654321')).toBe('پلاک ۱۲، واحد ۳ - ۰۹۸۷۶۵۴۳۲۱');
    expect(toPersianDigits('abc')).toBe('abc');
  });

  it('removes the search index\'s facet marker (ǂ) from text, so nothing typed reads as a facet', () => {
    expect(normaliseText('aǂkind')).toBe('akind');
    expect(normaliseText('ǂ')).toBe('');
  });

  it('lowercases Latin, collapses whitespace and trims', () => {
    expect(normaliseText('  Ali   REZAEI\t\n ')).toBe('ali rezaei');
    expect(normaliseText('Info@Example.COM')).toBe('info@example.com');
  });

  it('folds the remaining hamza and teh marbuta forms', () => {
    expect(normaliseText('آرش')).toBe('ارش');
    expect(normaliseText('أحمد')).toBe('احمد');
    expect(normaliseText('إيران')).toBe('ایران');
    expect(normaliseText('مؤسسه')).toBe('موسسه');
    expect(normaliseText('فاطمة')).toBe('فاطمه');
    expect(normaliseText('خانۀ')).toBe('خانه');
    expect(normaliseText('مسئول')).toBe('مسیول');
    expect(normaliseText('ٱلله')).toBe('الله'); // alef wasla
  });

  it('folds every Arabic form to its Persian letter, and only those', () => {
    expect(normaliseText('يىئكةۀأإآٱؤ')).toBe('یییکههااااو');
    const persian = 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی';
    expect(normaliseText(persian)).toBe(persian);
  });

  it('gives the same result for text typed in decomposed form', () => {
    expect(normaliseText('\u0627\u0653رش')).toBe(normaliseText('آرش'));
  });

  it('is idempotent', () => {
    for (const s of ['كيوان يزداني', `علی${ZWNJ}رضا`, '  ABC ۱۲ ', 'مُحَمَّد']) {
      expect(normaliseText(normaliseText(s))).toBe(normaliseText(s));
    }
  });
});

describe('ftsPrefixQuery', () => {
  it('quotes every word as a prefix, all required', () => {
    expect(ftsPrefixQuery('کیوان یزدانی')).toBe('"کیوان"* AND "یزدانی"*');
    expect(ftsPrefixQuery('كيوان')).toBe('"کیوان"*');
    expect(ftsPrefixQuery('۰۹۱۲')).toBe('"0912"*');
  });

  it('splits emails and dotted words into parts', () => {
    expect(ftsPrefixQuery('ali.rezaei@example')).toBe('"ali"* AND "rezaei"* AND "example"*');
  });

  it('returns null when nothing searchable is left', () => {
    for (const s of ['', '   ', '"', '***', '()', '-- ++ ..', '؟!،', ZWNJ, '"*"']) expect(ftsPrefixQuery(s)).toBeNull();
  });

  it('keeps at most eight words', () => {
    const q = ftsPrefixQuery('a b c d e f g h i j k')!;
    expect(q.split(' AND ')).toHaveLength(8);
  });

  describe('FTS operators typed by a person are plain text', () => {
    // Made when these tests start (not while the file is read), so a run stopped before them leaves no folder.
    let dir = '';
    let db: Db | null = null;
    afterAll(() => {
      db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    beforeAll(() => {
      dir = tempDir('fts');
      db = openDatabase(join(dir, 'fts.sqlite'));
      const insert = db.prepare('INSERT INTO identity_fts (rowid, body) VALUES (?, ?)');
      insert.run(1, normaliseText('ali or near not and'));
      insert.run(2, normaliseText('کیوان یزدانی'));
      insert.run(3, normaliseText('body column star'));
    });
    const match = (input: string) => {
      const q = ftsPrefixQuery(input);
      return q === null ? null : (db!.prepare('SELECT rowid FROM identity_fts WHERE identity_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[]);
    };

    it.each([
      'OR',
      'ali OR کیوان',
      'NOT ali',
      'ali AND',
      '"ali',
      'ali"',
      'a*',
      '*',
      'NEAR(ali near)',
      'NEAR(',
      'body:ali',
      '{body}: x',
      '^ali',
      '(ali',
      'ali)',
      "ali'",
      '-ali',
      '+ali',
      'ali - near',
    ])('%s does not raise an FTS syntax error', (input) => {
      expect(() => match(input)).not.toThrow();
    });

    it('an operator word is searched as a word', () => {
      expect(match('OR')).toEqual([1]);
      expect(match('NEAR(')).toEqual([1]);
      expect(match('ali OR کیوان')).toEqual([]); // all words required: no row has both
      expect(match('body:column')).toEqual([3]);
      expect(match('كيوان يزد')).toEqual([2]);
    });
  });
});
