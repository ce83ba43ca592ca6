import type { Store } from '../../db/writer';

/**
 * Device-local settings (the settings table is never synced): the device id, the signed-in
 * user, preferences of this desk.
 */
export class SettingsStore {
  constructor(private readonly store: Store) {}

  get(key: string): string | undefined {
    return this.store.sql('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  }

  set(key: string, value: string): void {
    this.store
      .sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}
