import { defineCapability, event, method, NoInput } from '../api/capability';
import { BackupRef, CheckInput } from './schema';
import { StorageService, type MaintenancePolicy } from './service';

/** What a host or test may set (BackendOptions.capabilityOptions.storage). */
export interface StorageOptions {
  /** The daily check and backup when idle; false: none (tests drive maintainIfDue themselves). */
  maintenance?: MaintenancePolicy | false;
}

/**
 * Data safety: the store's health (read-only at the first sign of damage, with the newest
 * good backup offered), the full check, backups, restore and export. Its sentences are core
 * messages (main/api/messages.ts): a start that fails before any manifest is read says them.
 */
export const storage = defineCapability({
  name: 'storage',
  permissions: { 'storage.manage': [] },
  events: {
    /** The store became read-only (damage found) or writable again (restored). */
    'storage.status': event<{ state: 'ok' | 'read-only'; fault: string | null }>(),
  },
  service: (ctx) => {
    const options = ctx.options<StorageOptions>('storage');
    const svc = new StorageService(ctx.storage, ctx.clock.now, ctx.log, () => ctx.language(), options?.maintenance || undefined);
    ctx.storage.onHealthChange((h) => ctx.emit('storage.status', { state: h.state, fault: h.fault }));
    ctx.store.onCommit(() => svc.noteWrite());
    return svc;
  },
  methods: (svc) => ({
    'storage.status': method(NoInput, null, () => svc.status()),
    'storage.check': method(CheckInput, 'storage.manage', (input) => svc.check(input.kind)),
    'storage.backups': method(NoInput, 'storage.manage', () => svc.backups()),
    'storage.backup': method(NoInput, 'storage.manage', () => svc.backupNow()),
    'storage.restore': method(BackupRef, 'storage.manage', (input) => svc.restore(input.name)),
    'storage.export': method(NoInput, 'storage.manage', () => svc.exportStore()),
  }),
  start: (svc, ctx) => {
    if (ctx.options<StorageOptions>('storage')?.maintenance !== false) svc.start();
  },
  stop: (svc) => svc.stop(),
});
