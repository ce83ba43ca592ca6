import type { Router } from '../api/router';
import type { OrganisationService } from './service';
import type { SessionService } from './session';

export function registerOrganisation(api: Router, svc: OrganisationService, session: SessionService): void {
  api.method('session.get', () => session.session());
  api.method('session.setUp', (input) => session.setUp(input.password));
  api.method('session.signIn', (input) => session.signIn(input.username, input.password));
  api.method('session.unlock', (input) => session.unlock(input.password));
  api.method('session.lock', () => session.lock());
  api.method('session.signOut', () => session.signOut());
  api.method('session.changePassword', (input) => session.changeOwnPassword(input.current, input.next));
  api.method('organisation.get', () => svc.overview());
  api.method('organisation.createUser', (input, caller) => {
    const user = svc.createUser(input, caller.userId);
    if (input.password) session.setPassword(user.id, input.password, caller.userId);
    return user;
  });
  api.method('organisation.setPassword', (input, caller) => {
    session.setPassword(input.userId, input.password, caller.userId);
    return { userId: input.userId };
  });
  api.method('organisation.createGroup', (input, caller) => svc.createGroup(input, caller.userId));
  api.method('organisation.createPosition', (input, caller) => svc.createPosition(input.title, caller.userId));
  api.method('organisation.createRole', (input, caller) => svc.createRole(input, caller.userId));
  api.method('organisation.createRoom', (input, caller) => svc.createRoom(input, caller.userId));
}
