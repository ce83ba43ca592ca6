import type { UserRef } from '../organisation/schema';

/**
 * What tasks need to know about the organisation's people, asked of the organisation
 * capability through its service (see wiring); tests hand in their own.
 */
export interface People {
  /** A user who exists, is not deleted and is active. */
  isActiveUser(id: string): boolean;
  ref(id: string | null): UserRef | null;
  /** Active members of a group or department; null when there is no such group. */
  groupMembers(groupId: string): string[] | null;
  groupName(groupId: string): string | null;
  /** Every active user. */
  everyone(): string[];
}

/** What tasks need to know about identities: the name of one, or null when it is gone. */
export interface IdentityNames {
  displayName(id: string): string | null;
}

/** The organisation capability's service, as much of it as tasks use. */
export interface OrganisationLookup {
  activeUser(id: string): unknown;
  userRef(id: string | null): UserRef | null;
  overview(): { users: { id: string; active: boolean }[]; groups: { id: string; name: string; memberIds: string[] }[] };
}

/** People read through the organisation service (never its tables). */
export function peopleOf(org: OrganisationLookup): People {
  return {
    isActiveUser: (id) => org.activeUser(id) !== null,
    ref: (id) => org.userRef(id),
    groupMembers: (groupId) => {
      const overview = org.overview();
      const group = overview.groups.find((g) => g.id === groupId);
      if (!group) return null;
      const active = new Set(overview.users.filter((u) => u.active).map((u) => u.id));
      return group.memberIds.filter((m) => active.has(m));
    },
    groupName: (groupId) => org.overview().groups.find((g) => g.id === groupId)?.name ?? null,
    everyone: () =>
      org
        .overview()
        .users.filter((u) => u.active)
        .map((u) => u.id),
  };
}
