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
  'storage.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Built-in roles created with every new store. */
export const BUILT_IN_ROLES: { key: string; name: string; permissions: readonly Permission[] }[] = [
  { key: 'admin', name: 'مدیر سیستم', permissions: PERMISSIONS },
  {
    key: 'office-manager',
    name: 'مسئول دفتر',
    permissions: ['identities.read', 'identities.write', 'identities.delete', 'history.read', 'notes.write', 'organisation.read'],
  },
  { key: 'receptionist', name: 'منشی', permissions: ['identities.read', 'identities.write', 'history.read', 'notes.write', 'organisation.read'] },
  { key: 'staff', name: 'کارمند', permissions: ['identities.read', 'history.read', 'organisation.read'] },
];
