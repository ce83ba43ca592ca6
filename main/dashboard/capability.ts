import { defineCapability, method, NoInput } from '../api/capability';
import type { IdentityService } from '../identities/service';
import type { NoteService } from '../notes/service';

export interface DashboardSummary {
  counts: { persons: number; organisations: number; notesThisWeek: number };
  recentIdentities: { id: string; displayName: string; kind: 'person' | 'organisation'; updatedAt: number }[];
}

const WEEK = 7 * 24 * 3600 * 1000;

/** The dashboard's figures, read through the other capabilities' services. */
export const dashboard = defineCapability({
  name: 'dashboard',
  service: (ctx) => ({
    identities: ctx.use<IdentityService>('identities'),
    notes: ctx.use<NoteService>('notes'),
    now: () => ctx.clock.now(),
  }),
  methods: (svc) => ({
    'dashboard.summary': method(NoInput, 'identities.read', (): DashboardSummary => ({
      counts: {
        persons: svc.identities.count('person'),
        organisations: svc.identities.count('organisation'),
        notesThisWeek: svc.notes.count(svc.now() - WEEK),
      },
      recentIdentities: svc.identities.recentlyChanged(8),
    })),
  }),
});
