import type { Feature } from '../../app/feature';
import { LockSettingSection, UserPasswordsSection } from './SecuritySections';
import { SessionOverlay } from './SessionOverlay';
import { UserMenu } from './UserMenu';
import { UserSection } from './UserSection';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/**
 * Who is at the desk: the first start's administrator password, sign-in, the lock (Ctrl+L,
 * idle timer) drawn over every page without losing it, the account menu, and the Settings
 * sections for the user, the idle lock and users' passwords.
 */
export const session: Feature = {
  name: 'session',
  translations: { fa, en },
  toolbar: [{ key: 'user-menu', order: 100, Component: UserMenu }],
  overlays: [{ key: 'session', order: 1000, Component: SessionOverlay }],
  settings: [
    { key: 'user', order: 10, Component: UserSection },
    { key: 'idle-lock', order: 20, Component: LockSettingSection },
    { key: 'passwords', order: 30, Component: UserPasswordsSection },
  ],
};
