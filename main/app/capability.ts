import { join } from 'node:path';
import { defineCapability, method, NoInput } from '../api/capability';
import type { IdentityService } from '../identities/service';
import type { NoteService } from '../notes/service';
import type { OrganisationService } from '../organisation/service';

export interface AppInfo {
  version: string;
  dataDir: string;
  databaseFile: string;
  logFile: string;
  counts: { identities: number; users: number; notes: number; pendingChanges: number };
}

/** About this installation: version, where the data lives, how much it holds. */
export const app = defineCapability({
  name: 'app',
  service: (ctx) => ({
    info: (): AppInfo => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      databaseFile: join(ctx.dataDir, 'daftar.sqlite'),
      logFile: join(ctx.dataDir, 'logs', 'backend.log'),
      counts: {
        identities: ctx.use<IdentityService>('identities').count(),
        users: ctx.use<OrganisationService>('organisation').countUsers(),
        notes: ctx.use<NoteService>('notes').count(),
        pendingChanges: ctx.store.pendingChanges(),
      },
    }),
  }),
  methods: (svc) => ({ 'app.info': method(NoInput, null, () => svc.info()) }),
});
