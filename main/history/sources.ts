import { insertedValues } from '../../db/sync/inserted-values';
import type { Store } from '../../db/writer';
import type { UserDirectory } from '../organisation/directory';
import type { RecordChange, TimelineItem } from './schema';
import type { Cursor, TimelineSource } from './timeline';

/** Notes written on the identity. */
export function notesSource(store: Store, users: UserDirectory): TimelineSource {
  return {
    kind: 'note',
    page(identityId, before, limit) {
      const rows = (
        before
          ? store
              .sql(
                `SELECT id, body, created_at, created_by FROM notes
                 WHERE identity_id = ? AND deleted_at IS NULL AND (created_at, id) < (?, ?)
                 ORDER BY created_at DESC, id DESC LIMIT ?`,
              )
              .all(identityId, before.at, before.key, limit)
          : store
              .sql(
                `SELECT id, body, created_at, created_by FROM notes
                 WHERE identity_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
              )
              .all(identityId, limit)
      ) as { id: string; body: string; created_at: number; created_by: string | null }[];
      return rows.map((r) => ({
        kind: 'note',
        key: r.id,
        at: r.created_at,
        actor: users.ref(r.created_by),
        body: r.body,
      }));
    },
  };
}

interface OutboxRow {
  seq: number;
  tx_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string | null;
  previous: string | null;
  author: string | null;
  at: number;
}

// Derived or internal columns that mean nothing to a person reading the change log.
const HIDDEN_FIELDS = new Set(['sort_key', 'display_name', 'identity_id', 'position', 'e164', 'display']);

/** Fields that hold another record's id: the change log shows that record's name instead. */
const REFERENCE_NAMES: Record<string, string> = {
  organisation_id: 'SELECT display_name FROM identities WHERE id = ?',
  position_id: 'SELECT title FROM positions WHERE id = ?',
};

/**
 * The record's change log: every action whose root is the identity (its own fields and
 * its phones, emails, addresses), read from the outbox, one item per action.
 */
export function changesSource(store: Store, users: UserDirectory): TimelineSource {
  return {
    kind: 'change',
    page(identityId, before, limit) {
      const txs = txPage(store, identityId, before, limit);
      return txs.map(({ tx_id, at }) => {
        const rows = store
          .sql('SELECT * FROM outbox WHERE root_id = ? AND tx_id = ? AND root_table = ? ORDER BY seq')
          .all(identityId, tx_id, 'identities') as OutboxRow[];
        const own = rows.find((r) => r.table_name === 'identities');
        const action = own?.op === 'insert' ? 'created' : own?.op === 'delete' ? 'deleted' : 'edited';
        const item: TimelineItem = {
          kind: 'change',
          key: tx_id,
          at,
          actor: users.ref(rows[0]?.author ?? null),
          action,
          changes: rows.map((r) => toRecordChange(store, r, (field, id) => referenceName(store, field, id))),
        };
        return item;
      });
    },
  };
}

function txPage(store: Store, identityId: string, before: Cursor | null, limit: number): { tx_id: string; at: number }[] {
  const base = `SELECT tx_id, MIN(at) AS at FROM outbox WHERE root_table = 'identities' AND root_id = ? GROUP BY tx_id`;
  return (
    before
      ? store
          .sql(`${base} HAVING (MIN(at), tx_id) < (?, ?) ORDER BY at DESC, tx_id DESC LIMIT ?`)
          .all(identityId, before.at, before.key, limit)
      : store.sql(`${base} ORDER BY at DESC, tx_id DESC LIMIT ?`).all(identityId, limit)
  ) as { tx_id: string; at: number }[];
}

function referenceName(store: Store, field: string, value: unknown): unknown {
  const sql = REFERENCE_NAMES[field];
  if (!sql || typeof value !== 'string') return value;
  // A deleted record keeps its name: history shows what it was.
  return (store.sql(sql).pluck().get(value) as string | undefined) ?? value;
}

function toRecordChange(store: Store, r: OutboxRow, name: (field: string, value: unknown) => unknown): RecordChange {
  const fields: Record<string, unknown> = r.op === 'insert' ? insertedValues(store, r) : r.fields ? JSON.parse(r.fields) : {};
  const previous = r.previous ? (JSON.parse(r.previous) as Record<string, unknown>) : {};
  return {
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    fields: Object.keys(fields)
      .filter((f) => !HIDDEN_FIELDS.has(f))
      .map((f) => ({ field: f, from: name(f, previous[f] ?? null), to: name(f, fields[f] ?? null) })),
  };
}
