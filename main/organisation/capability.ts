import { defineCapability, method, NoInput } from '../api/capability';
import { messages } from './messages';
import { GroupCreate, PositionCreate, RoleCreate, RoomCreate, RoomRef, RoomUpdate, UserCreate } from './schema';
import { OrganisationService } from './service';

/** Users, groups and departments, positions, roles and rooms. */
export const organisation = defineCapability({
  name: 'organisation',
  permissions: {
    'organisation.read': ['office-manager', 'receptionist', 'staff'],
    'organisation.manage': [],
  },
  messages,
  service: (ctx) => new OrganisationService(ctx.store, ctx.permissions()),
  methods: (svc) => ({
    'organisation.get': method(NoInput, 'organisation.read', () => svc.overview()),
    'organisation.createUser': method(UserCreate, 'organisation.manage', (input, caller) => svc.createUser(input, caller.userId)),
    'organisation.createGroup': method(GroupCreate, 'organisation.manage', (input, caller) => svc.createGroup(input, caller.userId)),
    'organisation.createPosition': method(PositionCreate, 'organisation.manage', (input, caller) =>
      svc.createPosition(input.title, caller.userId),
    ),
    'organisation.createRole': method(RoleCreate, 'organisation.manage', (input, caller) => svc.createRole(input, caller.userId)),
    'organisation.createRoom': method(RoomCreate, 'organisation.manage', (input, caller) => svc.createRoom(input, caller.userId)),
    'organisation.updateRoom': method(RoomUpdate, 'organisation.manage', (input, caller) => svc.updateRoom(input, caller.userId)),
    'organisation.deleteRoom': method(RoomRef, 'organisation.manage', (input, caller) => svc.deleteRoom(input.id, caller.userId)),
  }),
});
