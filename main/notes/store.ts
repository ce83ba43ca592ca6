import type { Store } from '../../db/writer';

export interface NoteRow {
  id: string;
  body: string;
  created_at: number;
  created_by: string | null;
}

/** Notes written on an identity, keyset-paged newest first. */
export class NoteStore {
  constructor(private readonly store: Store) {}

  page(identityId: string, before: { at: number; key: string } | null, limit: number): NoteRow[] {
    return (
      before
        ? this.store
            .sql(
              `SELECT id, body, created_at, created_by FROM notes
               WHERE identity_id = ? AND deleted_at IS NULL AND (created_at, id) < (?, ?)
               ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(identityId, before.at, before.key, limit)
        : this.store
            .sql(
              `SELECT id, body, created_at, created_by FROM notes
               WHERE identity_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(identityId, limit)
    ) as NoteRow[];
  }

  count(since = 0): number {
    return this.store.sql('SELECT count(*) FROM notes WHERE deleted_at IS NULL AND created_at >= ?').pluck().get(since) as number;
  }
}
