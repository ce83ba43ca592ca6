import AssignmentOutlined from '@mui/icons-material/AssignmentOutlined';
import type { Feature } from '../../app/feature';
import { AnnouncementPage } from './AnnouncementPage';
import { TaskCartablePage } from './TaskCartablePage';
import { NewTaskDialog } from './TaskDialog';
import { TaskBody } from './TaskBody';
import { TaskPage } from './TaskPage';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Tasks: the cartable (grid and kanban), a task with its referral chain, announcements. */
export const tasks: Feature = {
  name: 'tasks',
  routes: [
    { path: 'tasks', Page: TaskCartablePage },
    { path: 'tasks/:id', Page: TaskPage },
    { path: 'announcements/:id', Page: AnnouncementPage },
  ],
  nav: { path: '/tasks', labelKey: 'nav.tasks', icon: AssignmentOutlined, order: 20, alsoMatches: ['/announcements'] },
  translations: { fa, en },
  timeline: { task: { icon: AssignmentOutlined, title: () => 'tasks.timelineTitle', Body: TaskBody } },
  newItemForms: [{ key: 'task', order: 20, labelKey: 'tasks.new.title', permission: 'tasks.write', Component: NewTaskDialog }],
};
