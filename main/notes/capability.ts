import { defineCapability, method } from '../api/capability';
import type { IdentityService } from '../identities/service';
import type { OrganisationService } from '../organisation/service';
import { NoteCreate } from './schema';
import { NoteService } from './service';

/** Notes written on an identity, in its history. The smallest capability: a worked example. */
export const notes = defineCapability({
  name: 'notes',
  permissions: { 'notes.write': ['office-manager', 'receptionist'] },
  service: (ctx) => new NoteService(ctx.store, ctx.use<IdentityService>('identities')),
  methods: (svc, ctx) => ({
    'notes.create': method(NoteCreate, 'notes.write', (input, caller) => {
      const entry = svc.create(input.identityId, input.body, caller.userId);
      // Answered as the history shows it, so the window can add it without a refetch.
      return { ...entry, actor: ctx.use<OrganisationService>('organisation').userRef(entry.actorId) };
    }),
  }),
  timeline: (svc) => [svc.timelineSource()],
  changes: () => ({ notes: { entity: 'notes.entity.note', fields: { body: { label: 'notes.field.body', kind: 'multiline' } } } }),
});
