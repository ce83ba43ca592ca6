/**
 * Turns the change log's raw rows (table, column, from, to) into what a person reads:
 * which part of the record changed, which field, from what to what. Columns a person never
 * typed (sort keys, positions, link ids) are left out. Pure; the component translates.
 */
import type { RecordChange } from '../../../main/contract';

export type ShownValue =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  /** A translation key, e.g. phoneKinds.mobile. */
  | { type: 'enum'; key: string }
  /** Text that reads left to right and may hold digits to localise (numbers, e-mails). */
  | { type: 'ltr'; text: string }
  | { type: 'list'; items: string[] }
  /** A value not worth showing (an id): only "it changed" is said. */
  | { type: 'opaque' };

export interface ShownField {
  field: string;
  from: ShownValue;
  to: ShownValue;
}

export interface ShownChange {
  table: string;
  op: RecordChange['op'];
  fields: ShownField[];
}

const HIDDEN = new Set(['sort_key', 'display_name', 'position', 'identity_id', 'e164', 'subject_table', 'subject_id', 'id']);
const ENUMS: Record<string, Record<string, string>> = {
  identities: { kind: 'kinds' },
  identity_phones: { kind: 'phoneKinds' },
  identity_emails: { kind: 'emailKinds' },
  identity_addresses: { kind: 'addressKinds' },
};
const LTR = new Set(['number', 'address', 'postal_code', 'email', 'mobile', 'extension']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function asList(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return null;
}

export function shownValue(table: string, field: string, v: unknown): ShownValue {
  if (v === null || v === undefined || v === '') return { type: 'empty' };
  const list = asList(v);
  if (list) return list.length ? { type: 'list', items: list } : { type: 'empty' };
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  if (UUID.test(text) || field.endsWith('_id')) return { type: 'opaque' };
  const enumPrefix = ENUMS[table]?.[field];
  if (enumPrefix) return { type: 'enum', key: `${enumPrefix}.${text}` };
  if (LTR.has(field) || typeof v === 'number') return { type: 'ltr', text };
  return { type: 'text', text };
}

export function describeChanges(changes: readonly RecordChange[] | undefined): ShownChange[] {
  return (changes ?? [])
    .map((c) => ({
      table: c.table,
      op: c.op,
      fields: c.fields
        .map((f) => ({ ...f, field: fieldKey(f.field) }))
        .filter((f) => !HIDDEN.has(f.field))
        .map((f) => ({ field: f.field, from: shownValue(c.table, f.field, f.from), to: shownValue(c.table, f.field, f.to) }))
        .filter((f) => !(f.from.type === 'empty' && f.to.type === 'empty')),
    }))
    .filter((c) => c.fields.length > 0 || c.op !== 'update');
}

/** camelCase field names (should the log ever use them) read as the snake_case columns. */
export function fieldKey(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
