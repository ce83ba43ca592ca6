import type { Router } from '../api/router';
import type { IdentityService } from './service';

export function registerIdentities(api: Router, svc: IdentityService): void {
  api.method('identities.create', (input, caller) => svc.create(input, caller.userId));
  api.method('identities.update', (input, caller) => svc.update(input, caller.userId));
  api.method('identities.delete', (input, caller) => svc.delete(input.id, caller.userId));
  api.method('identities.get', (input) => svc.get(input.id));
  api.method('identities.list', (input) => svc.list(input));
  api.method('identities.lookupPhone', (input) => svc.lookupPhone(input.number));
}
