import type { Feature } from '../../app/feature';
import { DataSafetySection, StorageBanner } from './DataSafety';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Data safety: the banner while the store is read-only, and Settings → Data safety (check, backups, restore, export). */
export const storage: Feature = {
  name: 'storage',
  translations: { fa, en },
  banners: [{ key: 'storage', order: 10, Component: StorageBanner }],
  settings: [{ key: 'data-safety', order: 90, Component: DataSafetySection }],
};
