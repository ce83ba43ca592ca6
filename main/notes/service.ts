import type { TimelineEntry, TimelineSource } from '../api/capability';
import { notFound } from '../api/errors';
import type { Store } from '../../db/writer';
import type { IdentityService } from '../identities/service';
import type { NoteData } from './schema';
import { NoteStore } from './store';

/** Notes on an identity: written once, shown in its history. */
export class NoteService {
  private readonly rows: NoteStore;

  constructor(
    private readonly store: Store,
    private readonly identities: Pick<IdentityService, 'exists'>,
  ) {
    this.rows = new NoteStore(store);
  }

  create(identityId: string, body: string, author: string | null): TimelineEntry {
    const { id, at } = this.store.write(author, (w) => {
      if (!this.identities.exists(identityId)) throw notFound('identity.notFound');
      const noteId = w.insert('notes', { subject_table: 'identities', subject_id: identityId, identity_id: identityId, body });
      return { id: noteId, at: this.store.clock.now() };
    });
    return toEntry({ id, body, created_at: at, created_by: author });
  }

  count(since?: number): number {
    return this.rows.count(since);
  }

  timelineSource(): TimelineSource {
    return { kind: 'note', page: (identityId, before, limit) => this.rows.page(identityId, before, limit).map(toEntry) };
  }
}

function toEntry(r: { id: string; body: string; created_at: number; created_by: string | null }): TimelineEntry {
  const data: NoteData = { body: r.body };
  return { kind: 'note', key: r.id, at: r.created_at, actorId: r.created_by, data };
}
