import type { BuiltInRole } from '../api/capability';

/** The roles every new store is created with; what each may do comes from the manifests' grants. */
export const BUILT_IN_ROLES: readonly { key: BuiltInRole; name: string }[] = [
  { key: 'admin', name: 'مدیر سیستم' },
  { key: 'office-manager', name: 'مسئول دفتر' },
  { key: 'receptionist', name: 'منشی' },
  { key: 'staff', name: 'کارمند' },
];
