/** Every permission a role can grant. Methods name the one they need in the contract. */
export const PERMISSIONS = [
  'identities.read',
  'identities.write',
  'identities.delete',
  'history.read',
  'notes.write',
  'organisation.read',
  'organisation.manage',
  'settings.manage',
  'tasks.read',
  'tasks.write',
  'tasks.readAll',
  'tasks.announce',
  'followups.use',
  'reminders.use',
  'inbox.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone who works here has tasks, follow-ups, reminders and the bell. */
const EVERYONE_AT_WORK: Permission[] = ['tasks.read', 'tasks.write', 'followups.use', 'reminders.use', 'inbox.read'];

/** Built-in roles created with every new store. */
export const BUILT_IN_ROLES: { key: string; name: string; permissions: readonly Permission[] }[] = [
  { key: 'admin', name: 'مدیر سیستم', permissions: PERMISSIONS },
  {
    key: 'office-manager',
    name: 'مسئول دفتر',
    permissions: [
      'identities.read',
      'identities.write',
      'identities.delete',
      'history.read',
      'notes.write',
      'organisation.read',
      ...EVERYONE_AT_WORK,
      'tasks.readAll',
      'tasks.announce',
    ],
  },
  {
    key: 'receptionist',
    name: 'منشی',
    permissions: ['identities.read', 'identities.write', 'history.read', 'notes.write', 'organisation.read', ...EVERYONE_AT_WORK],
  },
  { key: 'staff', name: 'کارمند', permissions: ['identities.read', 'history.read', 'organisation.read', ...EVERYONE_AT_WORK] },
];
