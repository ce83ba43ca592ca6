import { defineCapability, method } from '../api/capability';
import { DEFAULT_ZONE } from '../api/jalali-input';
import type { IdentityService } from '../identities/service';
import type { InAppMessages } from '../inbox/service';
import type { OrganisationService } from '../organisation/service';
import type { ReminderFacts } from '../reminders/service';
import { TASK_MESSAGES } from './messages';
import { peopleOf } from './people';
import { AnnouncementCreate, AnnouncementList, TaskCartableQuery, TaskCreate, TaskRef, TaskRefer, TaskStatusChange } from './schema';
import { TaskService } from './service';

/**
 * Tasks, referrals and announcements: the office manager passes the managers' orders on,
 * each holder refers them on (original, copy, hidden copy), and everyone follows their
 * cartable. Assignments and referrals reach people as in-app messages.
 */
export const tasks = defineCapability({
  name: 'tasks',
  permissions: {
    'tasks.read': ['office-manager', 'receptionist', 'staff'],
    'tasks.write': ['office-manager', 'receptionist', 'staff'],
    'tasks.readAll': ['office-manager'],
    'tasks.announce': ['office-manager'],
  },
  messages: TASK_MESSAGES,
  service: (ctx) => {
    const identities = ctx.use<IdentityService>('identities');
    return new TaskService({
      store: ctx.store,
      people: peopleOf(ctx.use<OrganisationService>('organisation')),
      identities: { displayName: (id) => (identities.exists(id) ? identities.nameOf(id) : null) },
      items: ctx.items(),
      inbox: ctx.use<InAppMessages>('inbox'),
      reminders: ctx.use<ReminderFacts>('reminders'),
      zone: () => DEFAULT_ZONE,
    });
  },
  methods: (svc) => ({
    'tasks.create': method(TaskCreate, 'tasks.write', (input, caller) => svc.create(input, caller)),
    'tasks.open': method(TaskRef, 'tasks.read', (input, caller) => svc.open(input.id, caller)),
    'tasks.refer': method(TaskRefer, 'tasks.write', (input, caller) => svc.refer(input, caller)),
    'tasks.setStatus': method(TaskStatusChange, 'tasks.write', (input, caller) => svc.setStatus(input.assignmentId, input.status, caller)),
    'tasks.cancel': method(TaskRef, 'tasks.write', (input, caller) => svc.cancel(input.id, caller)),
    'tasks.cartable': method(TaskCartableQuery, 'tasks.read', (input, caller) => svc.cartable(input, caller)),
    'tasks.announce': method(AnnouncementCreate, 'tasks.announce', (input, caller) => svc.announce(input, caller)),
    'tasks.announcements': method(AnnouncementList, 'tasks.announce', (input, caller) => svc.announcements(input, caller)),
    'tasks.announcement': method(TaskRef, 'tasks.announce', (input, caller) => svc.announcement(input.id, caller)),
  }),
  timeline: (svc) => [svc.timelineSource()],
  items: (svc) => [svc.itemKind()],
});
