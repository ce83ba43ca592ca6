import type { Router } from '../api/router';
import type { StorageService } from './service';

export function registerStorage(api: Router, svc: StorageService): void {
  api.method('storage.status', () => svc.status());
  api.method('storage.check', (input) => svc.check(input.kind));
  api.method('storage.backups', () => svc.backups());
  api.method('storage.backup', () => svc.backupNow());
  api.method('storage.restore', (input) => svc.restore(input.name));
  api.method('storage.export', () => svc.exportStore());
}
