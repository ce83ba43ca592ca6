import type { Feature } from '../../app/feature';
import { SyncIndicator } from './SyncIndicator';
import { SyncPage } from './SyncPage';
import { SyncServerCard } from './SyncServerCard';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Sync with the central server: the app-bar indicator, the server card in Settings, the sync page. */
export const sync: Feature = {
  name: 'sync',
  routes: [{ path: 'sync', Page: SyncPage }],
  translations: { fa, en },
  toolbar: [{ key: 'sync-indicator', order: 10, Component: SyncIndicator }],
  settings: [{ key: 'sync-server', order: 10, Component: SyncServerCard }],
};
