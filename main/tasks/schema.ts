import { z } from 'zod';
import { JalaliDateInput } from '../api/jalali-input';
import type { UserRef } from '../organisation/schema';
import type { DescribedItem } from '../api/items';
import { ItemRefInput } from '../api/items';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const TASK_STATUSES = ['unseen', 'seen', 'in_progress', 'referred', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses in which a task still waits for its holder: the ones that can be overdue. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['unseen', 'seen', 'in_progress'];
/** original: the holder acts and may refer on; copy: for information; hidden: a copy the others do not see. */
export const REFERRAL_MODES = ['original', 'copy', 'hidden'] as const;
export type ReferralMode = (typeof REFERRAL_MODES)[number];
export const TASK_CARTABLE_TABS = ['mine', 'referredByMe', 'createdByMe', 'overdue', 'all'] as const;
export type TaskCartableTab = (typeof TASK_CARTABLE_TABS)[number];

const id = z.uuid();
/** A user or a group (every member), exactly one of the two. */
const Person = z
  .object({ userId: id.optional(), groupId: id.optional() })
  .refine((p) => (p.userId === undefined) !== (p.groupId === undefined), { message: 'task.userOrGroup' });

export const TaskCreate = z.object({
  subject: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000).optional(),
  priority: z.enum(PRIORITIES).default('normal'),
  deadline: JalaliDateInput.optional(),
  assignees: z.array(Person).min(1).max(200),
  identityId: id.optional(),
  item: ItemRefInput.optional(),
});
export const TaskRef = z.object({ id });
export const TaskRefer = z.object({
  taskId: id,
  recipients: z
    .array(z.object({ userId: id.optional(), groupId: id.optional(), mode: z.enum(REFERRAL_MODES) }))
    .min(1)
    .max(200)
    .refine((list) => list.every((p) => (p.userId === undefined) !== (p.groupId === undefined)), { message: 'task.userOrGroup' }),
  instruction: z.string().trim().max(5_000).optional(),
  deadline: JalaliDateInput.optional(),
});
export const TaskStatusChange = z.object({
  assignmentId: id,
  status: z.enum(['seen', 'in_progress', 'done']),
});
export const TaskCartableQuery = z.object({
  tab: z.enum(TASK_CARTABLE_TABS),
  statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).optional(),
  /** Rows held or sent by this person. */
  personId: id.optional(),
  /** Deadline on or after this day / on or before this day. */
  from: JalaliDateInput.optional(),
  to: JalaliDateInput.optional(),
  identityId: id.optional(),
  before: id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const AnnouncementCreate = z.object({
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().max(20_000).optional(),
  priority: z.enum(PRIORITIES).default('normal'),
  deadline: JalaliDateInput.optional(),
  audience: z.union([
    z.object({ everyone: z.literal(true) }).strict(),
    z
      .object({ userIds: z.array(id).max(2000).default([]), groupIds: z.array(id).max(200).default([]) })
      .strict()
      .refine((a) => a.userIds.length + a.groupIds.length > 0, { message: 'announcement.noAudience', path: ['groupIds'] }),
  ]),
});
export const AnnouncementList = z.object({ before: id.optional(), limit: z.number().int().min(1).max(100).default(30) });

export interface IdentityLink {
  id: string;
  displayName: string;
}
export interface Deadline {
  at: number;
  /** false: a whole day (`at` is its last millisecond). */
  hasTime: boolean;
}

/** One row of the cartable: one person's holding of a task. */
export interface TaskCartableRow {
  assignmentId: string;
  taskId: string;
  subject: string;
  priority: Priority;
  status: TaskStatus;
  mode: ReferralMode;
  holder: UserRef;
  sender: UserRef | null;
  deadline: Deadline | null;
  at: number;
  identity: IdentityLink | null;
  overdue: boolean;
  /** The viewer's reminder on this task has come and the task is still open. */
  reminderPassed: boolean;
  /** The viewer holds this row: may move it between statuses. */
  mine: boolean;
  announcementId: string | null;
}
export interface TaskCartablePage {
  rows: TaskCartableRow[];
  next: string | null;
}

/** One step of the referral chain: who gave the task to whom, when, with which instruction. */
export interface ChainStep {
  assignmentId: string;
  parentId: string | null;
  sender: UserRef | null;
  holder: UserRef;
  viaGroup: { id: string; name: string } | null;
  mode: ReferralMode;
  instruction: string | null;
  deadline: Deadline | null;
  at: number;
  status: TaskStatus;
  seenAt: number | null;
  doneAt: number | null;
}

export interface TaskView {
  id: string;
  subject: string;
  description: string | null;
  priority: Priority;
  deadline: Deadline | null;
  identity: IdentityLink | null;
  item: DescribedItem | null;
  creator: UserRef | null;
  createdAt: number;
  cancelledAt: number | null;
  announcementId: string | null;
  /** Every step the viewer may see, in the order they happened (hidden copies only to their sender and holder). */
  chain: ChainStep[];
  /** The viewer's own holdings of this task. */
  mine: ChainStep[];
  canRefer: boolean;
  canCancel: boolean;
}

export interface Rollup {
  total: number;
  unseen: number;
  /** Opened at least once (seen, in progress, referred or done). */
  seen: number;
  inProgress: number;
  done: number;
}
export interface Announcement {
  id: string;
  subject: string;
  body: string | null;
  priority: Priority;
  deadline: Deadline | null;
  createdAt: number;
  sender: UserRef | null;
  rollup: Rollup;
}
export interface AnnouncementDetail extends Announcement {
  /** Each person's own task. */
  people: { taskId: string; assignmentId: string; holder: UserRef; status: TaskStatus; seenAt: number | null; doneAt: number | null }[];
}
export interface AnnouncementPage {
  announcements: Announcement[];
  next: string | null;
}

/** The `data` of a task in an identity's history. */
export interface TaskEntryData {
  taskId: string;
  subject: string;
  priority: Priority;
  deadline: Deadline | null;
  cancelled: boolean;
}
