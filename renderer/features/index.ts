/**
 * Every feature of the renderer (docs/architecture.md, "The renderer side"). Adding one is
 * a folder in renderer/features/ and one line here.
 */
import type { Feature } from '../app/feature';
import { calendar } from './calendar';
import { dashboard } from './dashboard';
import { followups } from './followups';
import { history } from './history';
import { identities } from './identities';
import { inbox } from './inbox';
import { notes } from './notes';
import { phone } from './phone';
import { plannedAreas } from './placeholders';
import { reminders } from './reminders';
import { session } from './session';
import { settings } from './settings';
import { storage } from './storage';
import { sync } from './sync';
import { tasks } from './tasks';

export const FEATURES: readonly Feature[] = [
  dashboard,
  calendar,
  identities,
  history,
  notes,
  phone,
  tasks,
  followups,
  reminders,
  inbox,
  settings,
  sync,
  session,
  storage,
  ...plannedAreas,
];
