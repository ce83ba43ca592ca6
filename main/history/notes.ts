import { notFound } from '../api/errors';
import type { Store } from '../../db/writer';
import type { UserDirectory } from '../organisation/directory';
import type { TimelineItem } from './schema';

export class NoteService {
  constructor(
    private readonly store: Store,
    private readonly users: UserDirectory,
  ) {}

  create(identityId: string, body: string, author: string | null): TimelineItem {
    const { id, at } = this.store.write(author, (w) => {
      if (!this.store.sql('SELECT 1 FROM identities WHERE id = ? AND deleted_at IS NULL').get(identityId)) {
        throw notFound('identity.notFound');
      }
      const noteId = w.insert('notes', { subject_table: 'identities', subject_id: identityId, identity_id: identityId, body });
      return { id: noteId, at: this.store.clock.now() };
    });
    return { kind: 'note', key: id, at, actor: this.users.ref(author), body };
  }
}
