/**
 * Who is calling, read from an incoming INVITE's headers. Everything here comes from the
 * network and is untrusted: a display name may hold HTML, bidi overrides or a megabyte of
 * text, a header may not parse at all. Nothing here throws; what comes out is bounded plain
 * text (the renderer shows it as text, never as HTML).
 *
 * Pure: no SIP.js, no I/O.
 */
import { toLatinDigits } from '../../db/text';

/** Where the number came from: a PBX's asserted identity is preferred over what the caller wrote. */
export type CallerIdSource = 'pai' | 'rpid' | 'from';

export interface CallerId {
  /** Digits (and + * #) when the caller's user part is a number, else the user part as plain text ('' when withheld). */
  number: string;
  /** The caller's display name as plain text, or null. */
  displayName: string | null;
  source: CallerIdSource;
  /** The number is withheld (anonymous) or there is none. */
  withheld: boolean;
}

export interface CallerHeaders {
  from: string | undefined;
  /** P-Asserted-Identity (RFC 3325): set by a trusted PBX. */
  pai?: string | undefined;
  /** Remote-Party-ID (the older draft some PBXs still send). */
  rpid?: string | undefined;
}

export const MAX_NAME_LENGTH = 80;
export const MAX_NUMBER_LENGTH = 40;
/** Longer header values are not read at all (a SIP header is never this long honestly). */
const MAX_HEADER_LENGTH = 2048;

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width space/joiner,
// BOM and the line/paragraph separators. ZWNJ (U+200C) stays: Persian words need it.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200B\u200D-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Untrusted text made safe to store and show: no controls, no bidi tricks, one line, bounded. */
export function plainText(s: string, max: number): string {
  const cleaned = s.replace(LONE_SURROGATE, '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...cleaned];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : cleaned;
}

interface NameAddr {
  displayName: string | null;
  user: string;
}

/** Reads `"Name" <sip:user@host>;params`, `Name <tel:+98…>` or a bare URI; null when it is none of these. */
export function parseNameAddr(value: string): NameAddr | null {
  if (value.length > MAX_HEADER_LENGTH) return null;
  // Several identities may be listed (PAI allows a sip: and a tel: one): the first is read.
  let rest = value.trim();
  let displayName: string | null = null;
  if (rest.startsWith('"')) {
    let i = 1;
    let name = '';
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\' && i + 1 < rest.length) i++;
      name += rest[i];
    }
    if (i >= rest.length) return null; // unterminated quote
    displayName = name;
    rest = rest.slice(i + 1).trim();
  }
  let uri: string;
  const lt = rest.indexOf('<');
  if (lt >= 0) {
    const gt = rest.indexOf('>', lt);
    if (gt < 0) return null;
    if (displayName === null && lt > 0) displayName = rest.slice(0, lt).trim() || null;
    uri = rest.slice(lt + 1, gt);
  } else {
    uri = rest.split(/[;,\s]/)[0] ?? '';
  }
  const m = /^(?:sips?|tel):([^@;?>]*)/i.exec(uri.trim());
  if (!m) return null;
  let user = m[1] ?? '';
  try {
    user = decodeURIComponent(user);
  } catch {
    // A stray % in the user part: read as written.
  }
  return { displayName, user };
}

const VISUAL_SEPARATORS = /[\s\-.()\u00A0\u2010-\u2015]/g;

/** The user part as a dialable number (digits, leading +, * and #), or null when it is not one. */
export function numberOf(user: string): string | null {
  const s = toLatinDigits(user).replace(VISUAL_SEPARATORS, '');
  if (!/^\+?[0-9*#]{1,}$/.test(s) || !/[0-9]/.test(s)) return null;
  return s.slice(0, MAX_NUMBER_LENGTH);
}

const WITHHELD = /^(anonymous|unknown|restricted|private|unavailable)$/i;

/**
 * The caller: the first of P-Asserted-Identity, Remote-Party-ID and From that carries a
 * number; the display name of that header, else of From.
 */
export function callerIdOf(headers: CallerHeaders): CallerId {
  const from = headers.from ? parseNameAddr(headers.from) : null;
  const candidates: [CallerIdSource, string | undefined][] = [
    ['pai', headers.pai],
    ['rpid', headers.rpid],
    ['from', headers.from],
  ];
  for (const [source, value] of candidates) {
    if (!value) continue;
    const parsed = source === 'from' ? from : parseNameAddr(value);
    const number = parsed ? numberOf(parsed.user) : null;
    if (parsed && number) {
      return { number, displayName: nameOf(parsed.displayName ?? from?.displayName ?? null), source, withheld: false };
    }
  }
  const user = from?.user ?? '';
  const withheld = user === '' || WITHHELD.test(user);
  return {
    number: withheld ? '' : plainText(user, MAX_NUMBER_LENGTH),
    displayName: nameOf(from?.displayName ?? null),
    source: 'from',
    withheld,
  };
}

function nameOf(raw: string | null): string | null {
  if (raw === null) return null;
  const name = plainText(raw, MAX_NAME_LENGTH);
  return name === '' || WITHHELD.test(name) ? null : name;
}
