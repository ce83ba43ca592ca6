/**
 * The search index against the plainest possible reading of the rules: load every listed
 * identity, split its text into words, and keep the ones every typed word starts (or whose
 * phone number holds the typed digits), sorted by name. A few thousand random identities,
 * random edits and deletes, and random queries (prefixes, Arabic letters, ZWNJ, Persian
 * digits, several words, numbers with separators, kind and tag filters), paged by keyset.
 * The label space is made tiny so the index respreads labels all the time.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText, toLatinDigits } from '../../db/text';
import { IdentityCreate, type IdentityCreateInput, type IdentitySummary } from '../../main/identities/schema';
import { IdentityService } from '../../main/identities/service';
import type { OrganisationService } from '../../main/organisation/service';
import { startBackend, type TestBackend } from '../api/backend-fixture';

const ZWNJ = '\u200C';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const FIRST = ['علی', 'علیرضا', 'زهرا', 'کیوان', 'مریم', 'محمد', 'محمدرضا', 'یاسمن', 'کاوه', 'Sara', 'Ali', 'نیکی'];
const LAST = ['احمدی', 'یزدانی', 'کریمی', 'محمدی', 'رضایی', 'کاظمی', 'نیک‌نام', 'پورعلی', 'Karimi', 'Yazdani'];
const ORGS = ['شرکت نمونه', 'بازرگانی پارس', 'کیان صنعت', 'Daftar Co', 'گروه ۱۴۰۲'];
const TAGS = ['مشتری', 'VIP', 'تامین کننده', 'همکار قدیمی'];
const PREFIXES = ['912', '935', '919', '901', '21', '31'];

/** mulberry32: the same identities and queries on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
type Random = ReturnType<typeof random>;

/** Typed the way people type: Arabic ي/ك now and then, a ZWNJ, Persian or Arabic digits. */
function typedVariant(r: Random, s: string): string {
  let out = s;
  if (r.chance(0.3)) out = out.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  if (r.chance(0.2) && out.length > 2) out = out.slice(0, 2) + ZWNJ + out.slice(2);
  if (r.chance(0.3)) out = out.replace(/\d/g, (d) => (r.chance(0.5) ? PERSIAN : ARABIC)[Number(d)]!);
  return out;
}

function phoneNumber(r: Random): string {
  const prefix = r.pick(PREFIXES);
  const rest = String(r.int(10 ** (10 - prefix.length))).padStart(10 - prefix.length, '0');
  const national = `0${prefix}${rest}`;
  switch (r.int(4)) {
    case 0: return national;
    case 1: return `+98 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    case 2: return national.replace(/\d/g, (d) => PERSIAN[Number(d)]!);
    default: return `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`;
  }
}

function randomIdentity(r: Random, n: number): IdentityCreateInput {
  const person = r.chance(0.85);
  return IdentityCreate.parse({
    kind: person ? 'person' : 'organisation',
    ...(person
      ? { firstName: typedVariant(r, r.pick(FIRST)), lastName: r.chance(0.2) ? `${r.pick(LAST)} ${n % 50}` : r.pick(LAST) }
      : { organisationName: typedVariant(r, r.pick(ORGS)) }),
    ...(r.chance(0.2) ? { jobTitle: r.pick(['مدیر فروش', 'حسابدار', 'Engineer']) } : {}),
    tags: TAGS.filter(() => r.chance(0.15)),
    emails: r.chance(0.4) ? [{ kind: 'work', address: `user${n}@${r.pick(['example.ir', 'mail.com'])}` }] : [],
    phones: Array.from({ length: r.int(3) }, () => ({ kind: 'mobile' as const, number: phoneNumber(r) })),
  });
}

// ---- The plain reading of the rules (written without the index's code) ----

interface Plain {
  id: string;
  sortKey: string;
  kind: string;
  tags: string[];
  words: string[];
  numbers: string[];
}

const split = (s: string) => normaliseText(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function plainRows(t: TestBackend): Plain[] {
  const db = t.backend.db;
  const rows = db.prepare('SELECT * FROM identities WHERE deleted_at IS NULL').all() as {
    id: string; sort_key: string; kind: string; display_name: string; honorific: string | null; job_title: string | null; tags: string;
  }[];
  const phones = db.prepare('SELECT number, e164 FROM identity_phones WHERE identity_id = ? AND deleted_at IS NULL');
  const emails = db.prepare('SELECT address FROM identity_emails WHERE identity_id = ? AND deleted_at IS NULL').pluck();
  return rows.map((row) => {
    // A number from its start: national (0912…) for Iranian numbers, international otherwise;
    // and as typed, unless typed in one of the forms a query is rewritten from (98912…,
    // 0098912…, 912…).
    const numbers = (phones.all(row.id) as { number: string; e164: string | null }[]).flatMap((p) => {
      const typed = toLatinDigits(p.number).replace(/\D/g, '');
      if (!p.e164) return [typed];
      const intl = p.e164.slice(1);
      const start = intl.startsWith('98') ? `0${intl.slice(2)}` : intl;
      const rewritten = [intl, `00${intl}`, start, intl.startsWith('98') ? intl.slice(2) : intl];
      return rewritten.includes(typed) ? [start] : [start, typed];
    });
    const tags = JSON.parse(row.tags) as string[];
    const text = [row.display_name, row.honorific, row.job_title, ...tags, ...(emails.all(row.id) as string[])].join(' ');
    return { id: row.id, sortKey: row.sort_key, kind: row.kind, tags, words: [...split(text), ...numbers], numbers };
  });
}

interface Query {
  query?: string;
  kind?: 'person' | 'organisation';
  tag?: string;
}

/**
 * Whether typed digits start a number: as typed, or typed without the leading 0 (912…), or
 * with the country code (98912…), or dialled abroad (0098912…, 0044…; never "0012").
 */
function startsNumber(n: string, digits: string): boolean {
  return (
    n.startsWith(digits) ||
    n.startsWith(`0${digits}`) ||
    (digits.startsWith('98') && n.startsWith(`0${digits.slice(2)}`)) ||
    (/^00[1-9]/.test(digits) && startsNumber(n, digits.slice(2)))
  );
}

function plainSearch(rows: Plain[], q: Query): string[] {
  const typed = split(q.query ?? '').slice(0, 8);
  const latin = normaliseText(q.query ?? '');
  const digits = /^[+\d\s\-()./]+$/.test(latin) ? latin.replace(/\D/g, '') : '';
  const found = rows.filter((row) => {
    if (q.kind && row.kind !== q.kind) return false;
    if (q.tag && !row.tags.includes(q.tag)) return false;
    if (!q.query?.trim()) return true;
    const byWords =
      typed.length > 0 && typed.every((w) => row.words.some((x) => (/^\d+$/.test(w) ? startsNumber(x, w) : x.startsWith(w))));
    const byNumber =
      (digits.length >= 2 && row.numbers.some((n) => startsNumber(n, digits))) ||
      (digits.length >= 4 && row.numbers.some((n) => n.includes(digits)));
    return byWords || byNumber;
  });
  // SQLite orders text by its UTF-8 bytes.
  const key = (r: Plain) => Buffer.from(`${r.sortKey}\u0000${r.id}`);
  return found.sort((a, b) => Buffer.compare(key(a), key(b))).map((r) => r.id);
}

// ---- Queries people type ----

function randomQuery(r: Random, rows: Plain[]): Query {
  const row = r.pick(rows);
  const q: Query = {};
  const word = () => {
    const w = r.pick(row.words.filter((x) => !/^\d+$/.test(x)).concat(['ناموجود']));
    return w.slice(0, 1 + r.int(w.length));
  };
  switch (r.int(6)) {
    case 0:
    case 1:
      q.query = typedVariant(r, word());
      break;
    case 2:
      q.query = typedVariant(r, [word(), word(), ...(r.chance(0.3) ? [word()] : [])].join(' '));
      break;
    case 3: {
      // Digits from anywhere in a number, in any script, with separators now and then.
      const n = row.numbers.length > 0 ? r.pick(row.numbers) : '09121234567';
      const start = r.chance(0.5) ? 0 : r.int(n.length);
      const run = n.slice(start, start + 1 + r.int(n.length - start));
      q.query = typedVariant(r, r.chance(0.3) && run.length > 4 ? `${run.slice(0, 3)} ${run.slice(3)}` : run);
      break;
    }
    case 4:
      q.query = typedVariant(r, `${word()} ${r.chance(0.5) ? r.pick(row.numbers.concat(['0912'])).slice(0, 4) : word()}`);
      break;
    default:
      if (r.chance(0.5)) q.query = typedVariant(r, word());
  }
  if (r.chance(0.25)) q.kind = r.pick(['person', 'organisation'] as const);
  if (r.chance(0.15)) q.tag = r.pick(TAGS);
  return q;
}

/** Every page of a search, following the keyset cursor. */
function allPages(svc: IdentityService, q: Query, limit: number): string[] {
  const ids: string[] = [];
  let after: { sortKey: string; id: string } | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = svc.list({ ...q, limit, ...(after ? { after } : {}) });
    ids.push(...page.items.map((i: IdentitySummary) => i.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('paging did not end');
}

describe('search finds exactly what a plain scan finds', () => {
  let t: TestBackend;
  let svc: IdentityService;
  const r = random(20_251_130);

  beforeAll(async () => {
    t = await startBackend('search-property');
    const author = t.backend.caller().userId;
    // A label space of 2^16 with 4 between rebuilt labels: the index respreads all the time.
    svc = new IdentityService(t.backend.store, t.backend.service<OrganisationService>('organisation'), () => '21', {
      labels: { universe: 2 ** 16, step: 16, spacing: 4, first: 2 ** 10, density: 1.25 },
    });
    const ids = svc.importMany(Array.from({ length: 1200 }, (_, n) => randomIdentity(r, n)), author, 400);
    for (let n = 0; n < 1200; n++) {
      t.clock.advance(1);
      const id = svc.create(randomIdentity(r, 1200 + n), author).id;
      ids.push(id);
      // Renames move an identity in name order; deletes take it out of every list.
      const old = r.pick(ids);
      if (r.chance(0.1) && svc.exists(old)) {
        if (r.chance(0.5)) svc.update({ id: old, ...randomIdentity(r, n) }, author);
        else svc.delete(old, author);
      }
    }
  });
  afterAll(async () => {
    await t.backend.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('for 400 random queries, every page in name order', () => {
    const rows = plainRows(t);
    expect(rows.length).toBeGreaterThan(2000);
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const q = randomQuery(r, rows);
      const expected = plainSearch(rows, q);
      if (expected.length > 0) nonEmpty++;
      // Small pages, but not thousands of them for a query that finds everyone.
      const limit = Math.max(1 + r.int(25), Math.ceil(expected.length / 40));
      expect({ q, ids: allPages(svc, q, limit) }).toEqual({ q, ids: expected });
    }
    // The queries are not all misses: most find someone.
    expect(nonEmpty).toBeGreaterThan(250);
  });

  it('and the same after the index is rebuilt from the rows', () => {
    const rows = plainRows(t);
    const queries = Array.from({ length: 100 }, () => randomQuery(r, rows));
    const before = queries.map((q) => allPages(svc, q, 50));
    svc.rebuildSearch();
    queries.forEach((q, i) => {
      expect(allPages(svc, q, 50)).toEqual(before[i]);
      expect(before[i]).toEqual(plainSearch(rows, q));
    });
  });
});
