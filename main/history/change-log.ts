import type { ChangeDescribers, FieldDescription, TimelineEntry, TimelineSource } from '../api/capability';
import type { ChangeData, DescribedChange } from './schema';
import type { ChangeLogStore, OutboxRow } from './store';

/**
 * An identity's change log: every action whose root is the identity (its own fields and
 * its phones, emails, addresses), one item per action. Each capability describes its own
 * tables (its manifest's `changes`); tables and fields nobody described are left out, so
 * no table or column name reaches a person.
 */
export function changeLogSource(rows: ChangeLogStore, describers: () => Readonly<ChangeDescribers>): TimelineSource {
  return {
    kind: 'change',
    page(identityId, before, limit) {
      return rows.actions('identities', identityId, before, limit).map(({ tx_id, at }): TimelineEntry => {
        const outbox = rows.rowsOf(tx_id, 'identities', identityId);
        const own = outbox.find((r) => r.table_name === 'identities');
        const data: ChangeData = {
          action: own?.op === 'insert' ? 'created' : own?.op === 'delete' ? 'deleted' : 'edited',
          changes: outbox.map((r) => describe(r, describers(), r.table_name === 'identities' && r.row_id === identityId, rows)).filter((c): c is DescribedChange => c !== null),
        };
        return { kind: 'change', key: tx_id, at, actorId: outbox[0]?.author ?? null, data };
      });
    },
  };
}

function describe(r: OutboxRow, describers: Readonly<ChangeDescribers>, own: boolean, rows: ChangeLogStore): DescribedChange | null {
  const table = describers[r.table_name];
  if (!table) return null;
  let fields = r.op === 'insert' ? rows.inserted(r) : r.fields ? (JSON.parse(r.fields) as Record<string, unknown>) : {};
  let previous = r.previous ? (JSON.parse(r.previous) as Record<string, unknown>) : {};
  if (r.op === 'delete') {
    // A soft delete records only its time; what was removed is the row as it stayed.
    previous = rows.current(r.table_name, r.row_id) ?? {};
    fields = Object.fromEntries(Object.keys(previous).map((k) => [k, null]));
  }
  return {
    entity: table.entity,
    own,
    op: r.op,
    fields: Object.keys(fields)
      .filter((f) => Object.prototype.hasOwnProperty.call(table.fields, f))
      .map((f) => {
        const d = table.fields[f]!;
        return { label: d.label, kind: d.kind, from: shown(d, previous[f] ?? null), to: shown(d, fields[f] ?? null) };
      }),
  };
}

/** Values as the renderer formats them: references as names, enums as translation keys, lists as arrays. */
function shown(d: FieldDescription, v: unknown): unknown {
  if (v === null || v === '') return null;
  if (d.kind === 'reference') return typeof v === 'string' ? (d.resolve?.(v) ?? null) : null;
  if (d.kind === 'enum') return `${d.enumPrefix ?? ''}.${String(v)}`;
  if (d.kind === 'list' && typeof v === 'string') {
    try {
      const list: unknown = JSON.parse(v);
      if (Array.isArray(list)) return list.map(String);
    } catch {
      // stored as plain text after all
    }
    return [v];
  }
  return v;
}
