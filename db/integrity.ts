import type { Db } from './connection';
import { storageFaultOf } from './storage-faults';

export type CheckKind = 'quick' | 'full';

export interface CheckResult {
  kind: CheckKind;
  ok: boolean;
  /** SQLite's own words for what is wrong (at most `limit` of them); empty when ok. */
  problems: string[];
  ms: number;
}

/**
 * SQLite's quick_check (pages, records, free list; O(N), no index cross-check) or
 * integrity_check (also every index against its table). A check that itself hits a
 * corrupt page reports that as a problem rather than throwing.
 */
export function checkDatabase(db: Db, kind: CheckKind, limit = 20, now: () => number = performance.now.bind(performance)): CheckResult {
  const started = now();
  let problems: string[];
  try {
    const rows = db.pragma(`${kind === 'quick' ? 'quick_check' : 'integrity_check'}(${Math.max(1, Math.floor(limit))})`, {
      simple: false,
    }) as Record<string, string>[];
    problems = rows.map((r) => String(Object.values(r)[0])).filter((p) => p !== 'ok');
  } catch (err) {
    if (storageFaultOf(err) !== 'corrupt') throw err;
    problems = [err instanceof Error ? err.message : String(err)];
  }
  return { kind, ok: problems.length === 0, problems, ms: Math.round(now() - started) };
}
