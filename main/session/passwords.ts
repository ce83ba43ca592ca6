/**
 * Password hashing and the local verifier: scrypt from node:crypto (memory-hard, no native
 * package to build), a random 16-byte salt per password, and the cost stored with each
 * hash so it can be raised later without breaking old ones. Stored as a PHC-style string:
 *
 *   $scrypt$ln=15,r=8,p=1$<salt, base64>$<hash, base64>
 *
 * Pure functions, no store: the sign-in (session.ts) and, later, offline sign-in of the sync
 * client use the same two calls. Synchronous on purpose: the backend runs apart from the
 * windows (a utility process), sign-in is rare, and wrong attempts are slowed down before
 * any hashing happens.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  /** log2 of scrypt's N (CPU/memory cost). */
  ln: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8: 32 MiB per check. OWASP's first choice is 2^17 (128 MiB); on the small
 * shared machines we test on that took 2.5 s per sign-in, 2^15 about 0.1-0.8 s. The cost is
 * stored with each hash, so raising it later re-hashes at the next sign-in (needsRehash).
 */
export const DEFAULT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };
/** For tests only: thousands of sign-ins in the suite must not take minutes. */
export const TEST_COST: ScryptCost = { ln: 10, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Passwords are compared as NFC text: the same word typed on two keyboards is the same password. */
function bytesOf(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Buffer {
  const N = 2 ** cost.ln;
  return scryptSync(bytesOf(password), salt, length, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 });
}

export function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = derive(password, salt, cost, KEY_BYTES);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Refuse costs no hash of ours has, so a tampered row cannot make a check take forever.
  if (cost.ln < 1 || cost.ln > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  // Exactly our sizes: a shortened hash must not verify against a prefix of the key.
  if (salt.length !== SALT_BYTES || hash.length !== KEY_BYTES) return null;
  return { cost, salt, hash };
}

/** True when `password` matches the stored hash; false for a wrong password or an unreadable hash. */
export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const candidate = derive(password, parsed.salt, parsed.cost, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** The stored hash is cheaper than today's cost: re-hash it at the next successful sign-in. */
export function needsRehash(stored: string, cost: ScryptCost = DEFAULT_COST): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.cost.ln < cost.ln || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;
