import { defineCapability, method, NoInput } from '../api/capability';
import { DEFAULT_ZONE } from '../api/jalali-input';
import type { OrganisationService } from '../organisation/service';
import { FOLLOWUP_MESSAGES } from './messages';
import { FollowUpCreate, FollowUpForItem, FollowUpUpdate } from './schema';
import { FollowUpService } from './service';

/** Follow-ups on any item: a note, the next date, done or not; the dashboard's agenda. */
export const followups = defineCapability({
  name: 'followups',
  permissions: { 'followups.use': ['office-manager', 'receptionist', 'staff'] },
  messages: FOLLOWUP_MESSAGES,
  service: (ctx) =>
    new FollowUpService(ctx.store, ctx.items(), (id) => ctx.use<OrganisationService>('organisation').userRef(id), () => DEFAULT_ZONE),
  methods: (svc) => ({
    'followups.create': method(FollowUpCreate, 'followups.use', (input, caller) => svc.create(input, caller.userId)),
    'followups.update': method(FollowUpUpdate, 'followups.use', (input, caller) => svc.update(input, caller.userId)),
    'followups.forItem': method(FollowUpForItem, 'followups.use', (input, caller) => svc.forItem(input.item, caller.userId)),
    'followups.agenda': method(NoInput, 'followups.use', (_input, caller) => svc.agenda(caller.userId)),
  }),
  timeline: (svc) => [svc.timelineSource()],
});
