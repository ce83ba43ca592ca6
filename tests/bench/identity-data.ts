/**
 * The identities every identity bench uses (100,000 through the service, 1,000,000 through
 * the import): the same people, numbers and queries, so figures at both sizes compare.
 */
import { IdentityCreate, type IdentityCreateInput } from '../../main/identities/schema';

export const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم', 'رضا', 'سارا', 'حمید', 'نگار', 'مهدی', 'لیلا', 'امیر', 'شیرین'];
export const LAST = ['احمدی', 'یزدانی', 'کریمی', 'موسوی', 'رضایی', 'کاظمی', 'نوری', 'صادقی', 'طاهری', 'شریفی', 'کیانی', 'زمانی'];
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const MOBILE_PREFIXES = ['912', '935', '919', '901', '990', '937', '921', '915'];

/** Bump when the generated identities change: the cached million-identity store is keyed by it. */
export const IDENTITY_DATA_VERSION = 1;

/** Identity i's mobile: real operator prefixes; the 7 digits after make every number unique. */
export function mobileOf(i: number): string {
  return `+98${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String(i).padStart(7, '0')}`;
}

/** The formats people type and PBXs send, applied to one E.164 mobile number. */
export function formats(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  const fa = national.replace(/\d/g, (d) => PERSIAN[Number(d)]!);
  return [
    national,
    `+98 ${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`,
    `0098${e164.slice(3)}`,
    fa,
    `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`,
  ];
}

export function identity(i: number): IdentityCreateInput {
  return IdentityCreate.parse({
    kind: 'person',
    firstName: FIRST[i % FIRST.length],
    lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i % 97 === 0 ? '' : ` ${i}`}`,
    phones: [{ kind: 'mobile', number: formats(mobileOf(i))[i % 5]! }],
    emails: i % 3 === 0 ? [{ kind: 'work', address: `user${i}@example.ir` }] : [],
  });
}

export function* identities(from: number, to: number): Generator<IdentityCreateInput> {
  for (let i = from; i < to; i++) yield identity(i);
}

/** A name as typed, first name and the start of a last name, Arabic letters now and then. */
export function nameQueries(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const q = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]!.slice(0, 3)}`;
    return i % 4 === 0 ? q.replace(/ی/g, 'ي').replace(/ک/g, 'ك') : q;
  });
}

/**
 * One word as typed: a whole first name or its first two letters, with Arabic ي/ك or a ZWNJ
 * inside now and then (both folded away by the search).
 */
export function oneWordQueries(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = FIRST[i % FIRST.length]!;
    const q = Math.floor(i / FIRST.length) % 2 === 0 ? name : name.slice(0, 2);
    switch (i % 5) {
      case 1: return q.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
      case 3: return `${q.slice(0, 1)}\u200C${q.slice(1)}`;
      default: return q;
    }
  });
}

/** A stored number picked all over the store (a large prime stride). */
export function pickMobile(i: number, total: number): string {
  return mobileOf((i * 104_729) % total);
}

/**
 * Numbers as people search for them: the last 4 digits (what they remember), 7 digits from
 * the middle, a whole number with spaces in Persian digits, and the common start 0912.
 */
export function numberQueries(count: number, total: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const national = `0${pickMobile(i, total).slice(3)}`;
    switch (i % 4) {
      case 0: return national.slice(-4);
      case 1: return national.slice(3, 10);
      case 2: return formats(pickMobile(i, total))[3]!;
      default: return '0912';
    }
  });
}
