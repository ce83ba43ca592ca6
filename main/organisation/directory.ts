import type { Store } from '../../db/writer';
import type { UserRef } from '../identities/schema';

/** Resolves user ids to names for "created by …" lines; cheap enough to call per row. */
export class UserDirectory {
  constructor(private readonly store: Store) {}

  ref(userId: string | null): UserRef | null {
    if (!userId) return null;
    const name = this.store.sql('SELECT display_name FROM users WHERE id = ?').pluck().get(userId) as
      | string
      | undefined;
    return name === undefined ? { id: userId, displayName: '—' } : { id: userId, displayName: name };
  }
}
