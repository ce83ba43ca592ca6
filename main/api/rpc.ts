/**
 * The RPC framing shared by every transport (Electron MessagePort, web host WebSocket).
 * Pure and dependency-free: the renderer, the preload and the backend all import it.
 *
 *   client → backend   {t: 'call', id, method, input}
 *   backend → client   {t: 'result', id, result: {ok: true, value} | {ok: false, error}}
 *   backend → client   {t: 'event', event, payload}
 */

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'forbidden',
  'conflict',
  'unavailable',
  'unknown-method',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Path into the input, e.g. ["phones", 0, "number"]. */
  path: (string | number)[];
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  /** A plain Persian sentence, safe to show to the user. */
  message: string;
  issues?: FieldIssue[];
  /** Plain data for the caller to act on (e.g. a conflict's clashes and proposed slots). */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export interface CallFrame {
  t: 'call';
  id: number;
  method: string;
  input: unknown;
}
export interface ResultFrame {
  t: 'result';
  id: number;
  result: Result<unknown>;
}
export interface EventFrame {
  t: 'event';
  event: string;
  payload: unknown;
}
export type ServerFrame = ResultFrame | EventFrame;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Accepts only a well-formed call frame; anything else from a transport is dropped. */
export function parseCallFrame(x: unknown): CallFrame | null {
  if (!isObject(x) || x.t !== 'call') return null;
  if (typeof x.id !== 'number' || !Number.isSafeInteger(x.id)) return null;
  if (typeof x.method !== 'string' || x.method.length === 0 || x.method.length > 100) return null;
  return { t: 'call', id: x.id, method: x.method, input: x.input };
}

export function parseServerFrame(x: unknown): ServerFrame | null {
  if (!isObject(x)) return null;
  if (x.t === 'result' && typeof x.id === 'number' && isObject(x.result)) {
    return x as unknown as ResultFrame;
  }
  if (x.t === 'event' && typeof x.event === 'string') return x as unknown as EventFrame;
  return null;
}

/**
 * Many records of one shape with their field names said once: `fields`, then one array of
 * values per record, in that order. A field whose values repeat (a week's 2,000 occurrences
 * fall in 20 calendars, 8 subjects, two booleans) says each distinct value once, in
 * `values[field]`, and the rows hold its index there. A crowded week's answer (2,000
 * occurrences of 18 fields) is 993 KB as records, 615 KB with the names said once, and
 * 281 KB with repeated values said once too; the time to write, carry and read it
 * falls with it. The records must all have the first one's fields.
 */
export interface PackedRows<T> {
  fields: (keyof T & string)[];
  /** Per field: its distinct values, when the rows hold indexes into them; null when the rows hold the values. */
  values: (unknown[] | null)[];
  rows: unknown[][];
}

/** A field gets a list of distinct values when they are at most this share of its rows. */
const REPEATED = 0.25;

export function packRows<T extends object>(items: readonly T[]): PackedRows<T> {
  const fields = (items.length > 0 ? Object.keys(items[0]!) : []) as (keyof T & string)[];
  const rows: unknown[][] = items.map((item) => fields.map((f) => item[f]));
  const values = fields.map((_, f) => {
    // Only plain values: arrays and objects are compared by identity in a Map, never equal.
    const index = new Map<unknown, number>();
    for (const row of rows) {
      const v = row[f];
      if (v !== null && typeof v === 'object') return null;
      if (!index.has(v)) {
        index.set(v, index.size);
        if (index.size > rows.length * REPEATED) return null;
      }
    }
    for (const row of rows) row[f] = index.get(row[f]);
    return [...index.keys()];
  });
  return { fields, values, rows };
}

export function unpackRows<T>(packed: PackedRows<T>): T[] {
  const { fields, values, rows } = packed;
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const item: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) {
      const list = values[f];
      item[fields[f]!] = list ? list[row[f] as number] : row[f];
    }
    out[i] = item as T;
  }
  return out;
}
