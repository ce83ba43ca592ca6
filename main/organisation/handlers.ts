import type { Router } from '../api/router';
import type { OrganisationService } from './service';

export function registerOrganisation(api: Router, svc: OrganisationService, onSessionChange: (userId: string | null) => void): void {
  api.method('session.get', () => svc.session());
  api.method('session.signIn', (input) => {
    const session = svc.signIn(input.userId);
    onSessionChange(session.user?.id ?? null);
    return session;
  });
  api.method('organisation.get', () => svc.overview());
  api.method('organisation.createUser', (input, caller) => svc.createUser(input, caller.userId));
  api.method('organisation.createGroup', (input, caller) => svc.createGroup(input, caller.userId));
  api.method('organisation.createPosition', (input, caller) => svc.createPosition(input.title, caller.userId));
  api.method('organisation.createRole', (input, caller) => svc.createRole(input, caller.userId));
  api.method('organisation.createRoom', (input, caller) => svc.createRoom(input, caller.userId));
}
