/**
 * Every capability of the backend, in dependency order: a capability may use the services
 * of those above it only (docs/architecture.md, "How to add a capability"). Adding one is
 * a folder in main/, its migration, and one line here.
 */
import { app } from './app/capability';
import { calendar } from './calendar/capability';
import { dashboard } from './dashboard/capability';
import { followups } from './followups/capability';
import { history } from './history/capability';
import { identities } from './identities/capability';
import { inbox } from './inbox/capability';
import { notes } from './notes/capability';
import { organisation } from './organisation/capability';
import { phone } from './phone/capability';
import { reminders } from './reminders/capability';
import { session } from './session/capability';
import { settings } from './settings/capability';
import { storage } from './storage/capability';
import { sync } from './sync/capability';
import { tasks } from './tasks/capability';

export const CAPABILITIES = [
  settings,
  storage,
  organisation,
  session,
  sync,
  identities,
  history,
  notes,
  inbox,
  reminders,
  tasks,
  followups,
  calendar,
  phone,
  dashboard,
  app,
] as const;
