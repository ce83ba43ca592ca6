import type { Router } from '../api/router';
import type { NoteService } from './notes';
import type { Timeline } from './timeline';

export function registerHistory(api: Router, timeline: Timeline, notes: NoteService): void {
  api.method('history.timeline', (input) =>
    timeline.page(input.identityId, { kinds: input.kinds, before: input.before, limit: input.limit }),
  );
  api.method('notes.create', (input, caller) => notes.create(input.identityId, input.body, caller.userId));
}
