import { defineCapability, method } from '../api/capability';
import type { OrganisationService } from '../organisation/service';
import { changeLogSource } from './change-log';
import { TimelineQuery } from './schema';
import { ChangeLogStore } from './store';
import { Timeline } from './timeline';

/** An identity's history: every capability's timeline source merged, plus the change log. */
export const history = defineCapability({
  name: 'history',
  permissions: { 'history.read': ['office-manager', 'receptionist', 'staff'] },
  service: (ctx) => {
    const organisation = ctx.use<OrganisationService>('organisation');
    return {
      timeline: new Timeline(() => ctx.timelineSources(), (id) => organisation.userRef(id)),
      changeLog: changeLogSource(new ChangeLogStore(ctx.store), () => ctx.changeDescribers()),
    };
  },
  methods: (svc) => ({
    'history.timeline': method(TimelineQuery, 'history.read', (input) =>
      svc.timeline.page(input.identityId, { kinds: input.kinds, before: input.before, limit: input.limit }),
    ),
  }),
  timeline: (svc) => [svc.changeLog],
});
