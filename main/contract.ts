/**
 * The API contract the renderer and the preload see: every method and event of every
 * capability in main/capabilities.ts, as types. Import it with `import type` only.
 */
import type { ContractOf, EventsOfList } from './api/capability';
import type { InputOf, OutputOf, ParsedInputOf } from './api/contract';
import type { CAPABILITIES } from './capabilities';

export type Contract = ContractOf<typeof CAPABILITIES>;
export type MethodName = keyof Contract & string;
export type Input<M extends MethodName> = InputOf<Contract, M>;
export type ParsedInput<M extends MethodName> = ParsedInputOf<Contract, M>;
export type Output<M extends MethodName> = OutputOf<Contract, M>;
export type Events = EventsOfList<typeof CAPABILITIES>;
export type EventName = keyof Events & string;
/** A permission name as the session lists it. */
export type Permission = string;

export type * from './identities/schema';
export type * from './organisation/schema';
export type * from './session/schema';
export type * from './history/schema';
export type * from './notes/schema';
export type * from './settings/schema';
export type * from './storage/schema';
export type * from './phone/schema';
export type * from './sync/schema';
export type * from './calendar/schema';
export type * from './inbox/schema';
export type * from './reminders/schema';
export type * from './tasks/schema';
export type * from './followups/schema';
export type { ItemRef, DescribedItem } from './api/items';
export type { DashboardSummary } from './dashboard/capability';
export type { AppInfo } from './app/capability';
