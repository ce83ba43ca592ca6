/**
 * What the calendar needs to know about users, groups, rooms and identities, asked of the
 * organisation and identities services (never their tables). Tests and the bench hand the
 * service this same adapter over real services.
 */
import type { IdentityService } from '../identities/service';
import type { OrganisationService } from '../organisation/service';

export interface DirectoryUser {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  groupIds: string[];
}
export interface DirectoryIdentity {
  id: string;
  name: string;
  /** A mobile first: invitations by SMS go there. */
  phone: string | null;
  email: string | null;
  fax: string | null;
  /** The first address, for "at the customer's place". */
  address: string | null;
}
export interface DirectoryRoom {
  id: string;
  name: string;
  capacity: number | null;
  equipment: string[];
}

export interface CalendarDirectory {
  user(id: string): DirectoryUser | null;
  userName(id: string): string | null;
  groupExists(id: string): boolean;
  identity(id: string): DirectoryIdentity | null;
  room(id: string): DirectoryRoom | null;
  rooms(): DirectoryRoom[];
  /** Every active user, for the people timeline and pickers. */
  users(): { id: string; name: string }[];
}

export function serviceDirectory(org: OrganisationService, identities: IdentityService): CalendarDirectory {
  const attempt = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  return {
    user(id) {
      const u = attempt(() => org.user(id));
      return u && u.active ? { id: u.id, name: u.displayName, email: u.email, mobile: u.mobile, groupIds: u.groupIds } : null;
    },
    userName(id) {
      return attempt(() => org.user(id).displayName);
    },
    groupExists(id) {
      return org.overview().groups.some((g) => g.id === id);
    },
    identity(id) {
      const i = attempt(() => identities.get(id));
      if (!i) return null;
      const mobile = i.phones.find((p) => p.kind === 'mobile') ?? i.phones.find((p) => p.kind !== 'fax');
      const fax = i.phones.find((p) => p.kind === 'fax');
      const address = i.addresses[0];
      return {
        id: i.id,
        name: i.displayName,
        phone: mobile ? (mobile.e164 ?? mobile.number) : null,
        email: i.emails[0]?.address ?? null,
        fax: fax ? (fax.e164 ?? fax.number) : null,
        address: address ? [address.line, address.city].filter(Boolean).join('، ') : null,
      };
    },
    room(id) {
      const r = attempt(() => org.room(id));
      return r ? { id: r.id, name: r.name, capacity: r.capacity, equipment: r.equipment } : null;
    },
    rooms() {
      return org.rooms().map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, equipment: r.equipment }));
    },
    users() {
      return org
        .overview()
        .users.filter((u) => u.active)
        .map((u) => ({ id: u.id, name: u.displayName }));
    },
  };
}
