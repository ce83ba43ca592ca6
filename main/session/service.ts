import { notFound } from '../api/errors';
import type { Caller } from '../api/router';
import type { Store } from '../../db/writer';
import type { OrganisationService } from '../organisation/service';
import type { SettingsService } from '../settings/service';
import type { Session } from './schema';

const NOBODY: Caller = { userId: null, permissions: new Set() };

/**
 * Who is signed in at this desk, and what they may do. The user is kept device-locally
 * (settings), so every window of the desk shares one session. A new store signs its first
 * administrator in.
 */
export class SessionService {
  private cached: Caller | null = null;

  constructor(
    store: Store,
    private readonly organisation: OrganisationService,
    private readonly settings: SettingsService,
    private readonly changed: (userId: string | null) => void,
  ) {
    if (organisation.createdAdminId) settings.setLocal('session.userId', organisation.createdAdminId);
    // Roles and users decide permissions: a write to them is read again on the next call.
    store.onCommit((info) => {
      if (info.tables.some((t) => t === 'roles' || t === 'user_roles' || t === 'users')) this.cached = null;
    });
  }

  caller(): Caller {
    if (this.cached) return this.cached;
    const userId = this.settings.local('session.userId');
    const user = userId ? this.organisation.activeUser(userId) : null;
    this.cached = user ? { userId: user.id, permissions: new Set(user.permissions) } : NOBODY;
    return this.cached;
  }

  session(): Session {
    const c = this.caller();
    return { user: c.userId ? this.organisation.user(c.userId) : null, permissions: [...c.permissions] };
  }

  signIn(userId: string): Session {
    if (!this.organisation.activeUser(userId)) throw notFound('user.notFound');
    this.settings.setLocal('session.userId', userId);
    this.cached = null;
    this.changed(userId);
    return this.session();
  }
}
