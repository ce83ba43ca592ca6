/**
 * The API contract: every method the renderer may call, with its input schema, the
 * permission it needs, and (as a type) what it answers. Handlers live in each capability's
 * handlers.ts; the router refuses names that are not here or are registered twice.
 */
import { z } from 'zod';
import * as id from '../identities/schema';
import * as org from '../organisation/schema';
import * as hist from '../history/schema';
import * as set from '../settings/schema';
import * as sto from '../storage/schema';
import type { Permission } from './permissions';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** null: any signed-in or anonymous caller may call it (session, app info). */
  permission: Permission | null;
  /** Phantom: the output type. */
  output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(input: I, permission: Permission | null): MethodSpec<I, O> => ({ input, permission });

const Empty = z.object({}).strict().default({});

export const contract = {
  'app.info': method<set.AppInfo>()(Empty, null),
  'settings.get': method<set.Settings>()(Empty, null),
  'settings.update': method<set.Settings>()(set.SettingsPatch, null),
  'dashboard.summary': method<set.DashboardSummary>()(Empty, 'identities.read'),

  'session.get': method<org.Session>()(Empty, null),
  'session.setUp': method<org.Session>()(org.SessionSetUp, null),
  'session.signIn': method<org.Session>()(org.SignIn, null),
  'session.unlock': method<org.Session>()(org.Unlock, null),
  'session.lock': method<org.Session>()(Empty, null),
  'session.signOut': method<org.Session>()(Empty, null),
  'session.changePassword': method<org.Session>()(org.PasswordChange, null),
  'organisation.setPassword': method<{ userId: string }>()(org.PasswordReset, 'organisation.manage'),
  'organisation.get': method<org.Organisation>()(Empty, 'organisation.read'),
  'organisation.createUser': method<org.User>()(org.UserCreate, 'organisation.manage'),
  'organisation.createGroup': method<org.Group>()(org.GroupCreate, 'organisation.manage'),
  'organisation.createPosition': method<org.Position>()(org.PositionCreate, 'organisation.manage'),
  'organisation.createRole': method<org.Role>()(org.RoleCreate, 'organisation.manage'),
  'organisation.createRoom': method<org.Room>()(org.RoomCreate, 'organisation.manage'),

  'identities.create': method<id.Identity>()(id.IdentityCreate, 'identities.write'),
  'identities.update': method<id.Identity>()(id.IdentityUpdate, 'identities.write'),
  'identities.delete': method<{ id: string }>()(id.IdentityRef, 'identities.delete'),
  'identities.get': method<id.Identity>()(id.IdentityRef, 'identities.read'),
  'identities.list': method<id.IdentityPage>()(id.IdentityListQuery, 'identities.read'),
  'identities.lookupPhone': method<id.PhoneLookup>()(id.PhoneQuery, 'identities.read'),

  'storage.status': method<sto.StorageStatus>()(Empty, null),
  'storage.check': method<sto.CheckReport>()(sto.CheckInput, 'storage.manage'),
  'storage.backups': method<sto.BackupItem[]>()(Empty, 'storage.manage'),
  'storage.backup': method<sto.BackupItem>()(Empty, 'storage.manage'),
  'storage.restore': method<sto.RestoreResult>()(sto.BackupRef, 'storage.manage'),
  'storage.export': method<sto.ExportResult>()(Empty, 'storage.manage'),

  'history.timeline': method<hist.TimelinePage>()(hist.TimelineQuery, 'history.read'),
  'notes.create': method<hist.TimelineItem>()(hist.NoteCreate, 'notes.write'),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends (before defaults). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export type * from '../identities/schema';
export type * from '../organisation/schema';
export type * from '../history/schema';
export type * from '../settings/schema';
export type * from '../storage/schema';
export type { Events, EventName } from './events';
export type { Permission } from './permissions';
