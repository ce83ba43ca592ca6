import { forbidden } from '../api/errors';
import type { Router } from '../api/router';
import type { Store } from '../../db/writer';
import type { IdentityService } from '../identities/service';
import type { AppInfo } from './schema';
import type { SettingsService } from './service';

export interface AppPaths {
  version: string;
  dataDir: string;
  databaseFile: string;
  logFile: string;
}

export function registerSettings(
  api: Router,
  settings: SettingsService,
  store: Store,
  identities: IdentityService,
  paths: AppPaths,
): void {
  api.method('settings.get', () => settings.get());
  api.method('settings.update', (input, caller) => {
    // The language is each desk's own choice; the area code changes how every short
    // number is read and the idle lock is a security policy: administrators' settings.
    const policy = input.defaultAreaCode !== undefined || input.lockAfterMinutes !== undefined;
    if (policy && !caller.permissions.has('settings.manage')) throw forbidden();
    return settings.update(input);
  });
  api.method('app.info', (): AppInfo => {
    const count = (sql: string) => store.sql(sql).pluck().get() as number;
    return {
      ...paths,
      counts: {
        identities: identities.rows.count(),
        users: count('SELECT count(*) FROM users WHERE deleted_at IS NULL'),
        notes: count('SELECT count(*) FROM notes WHERE deleted_at IS NULL'),
        pendingChanges: count('SELECT count(*) FROM outbox WHERE pushed_at IS NULL'),
      },
    };
  });
  api.method('dashboard.summary', () => {
    const weekAgo = store.clock.now() - 7 * 24 * 3600 * 1000;
    return {
      counts: {
        persons: identities.rows.count('person'),
        organisations: identities.rows.count('organisation'),
        notesThisWeek: store
          .sql('SELECT count(*) FROM notes WHERE deleted_at IS NULL AND created_at >= ?')
          .pluck()
          .get(weekAgo) as number,
      },
      recentIdentities: identities.rows.recentlyChanged(8),
    };
  });
}
