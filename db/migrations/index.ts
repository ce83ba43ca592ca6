import type { Migration } from '../migrate';
import core from './0001_core.sql';
import organisation from './0002_organisation.sql';
import identities from './0003_identities.sql';
import notes from './0004_notes.sql';
import calendar from './0007_calendar.sql';
import phone from './0009_phone.sql';
import sync from './0010_sync.sql';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_core', sql: core },
  { name: '0002_organisation', sql: organisation },
  { name: '0003_identities', sql: identities },
  { name: '0004_notes', sql: notes },
  { name: '0007_calendar', sql: calendar },
  { name: '0009_phone', sql: phone },
  { name: '0010_sync', sql: sync },
];
