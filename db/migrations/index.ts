import type { Migration } from '../migrate';
import core from './0001_core.sql';
import organisation from './0002_organisation.sql';
import identities from './0003_identities.sql';
import notes from './0004_notes.sql';
import search from './0005_search.sql';
import storeSafety from './0006_store_safety.sql';
import calendar from './0007_calendar.sql';
import tasks from './0008_tasks_followups_reminders_inbox.sql';
import phone from './0009_phone.sql';
import sync from './0010_sync.sql';
import compactChangeLog from './0011_compact_change_log.sql';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_core', sql: core },
  { name: '0002_organisation', sql: organisation },
  { name: '0003_identities', sql: identities },
  { name: '0004_notes', sql: notes },
  { name: '0005_search', sql: search },
  { name: '0006_store_safety', sql: storeSafety },
  { name: '0007_calendar', sql: calendar },
  { name: '0008_tasks_followups_reminders_inbox', sql: tasks },
  { name: '0009_phone', sql: phone },
  { name: '0010_sync', sql: sync },
  { name: '0011_compact_change_log', sql: compactChangeLog },
];
