import { ApiError, forbidden, invalid, notFound } from '../api/errors';
import { jalaliToUtc, type JalaliWallTime } from '../api/jalali-input';
import type { Caller } from '../api/router';
import type { Store, Writer } from '../../db/writer';
import type { InAppMessages } from '../inbox/service';
import type { TimelineSource } from '../api/capability';
import type { ItemKind, ItemRef, ItemRegistry } from '../api/items';
import type { ReminderFacts } from '../reminders/service';
import type { IdentityNames, People } from './people';
import { stepVisibleTo, strongerMode, upstreamOf } from './referral-chain';
import {
  OPEN_STATUSES,
  type Announcement,
  type AnnouncementDetail,
  type AnnouncementPage,
  type TaskCartablePage,
  type TaskCartableRow,
  type TaskCartableTab,
  type ChainStep,
  type Deadline,
  type Priority,
  type ReferralMode,
  type Rollup,
  type TaskEntryData,
  type TaskStatus,
  type TaskView,
} from './schema';
import { TaskStore, type AnnouncementRow, type AssignmentRow, type TaskRow } from './store';

export const TASK_ITEM_KIND = 'task';
const READ_ALL = 'tasks.readAll';

export interface TaskCreateInput {
  subject: string;
  description?: string | undefined;
  priority: Priority;
  deadline?: JalaliWallTime | undefined;
  assignees: { userId?: string | undefined; groupId?: string | undefined }[];
  identityId?: string | undefined;
  item?: ItemRef | undefined;
}
export interface TaskReferInput {
  taskId: string;
  recipients: { userId?: string | undefined; groupId?: string | undefined; mode: ReferralMode }[];
  instruction?: string | undefined;
  deadline?: JalaliWallTime | undefined;
}
export interface CartableInput {
  tab: TaskCartableTab;
  statuses?: TaskStatus[] | undefined;
  personId?: string | undefined;
  from?: JalaliWallTime | undefined;
  to?: JalaliWallTime | undefined;
  identityId?: string | undefined;
  before?: string | undefined;
  limit: number;
}
export interface AnnouncementInput {
  subject: string;
  body?: string | undefined;
  priority: Priority;
  deadline?: JalaliWallTime | undefined;
  audience: { everyone: true } | { userIds: string[]; groupIds: string[] };
}

export interface TaskServiceDeps {
  store: Store;
  people: People;
  identities: IdentityNames;
  items: ItemRegistry;
  inbox: InAppMessages;
  reminders: ReminderFacts;
  zone: () => string;
}

interface Recipient {
  userId: string;
  mode: ReferralMode;
  viaGroup: string | null;
}

/**
 * Tasks and their referral chains. A task has one holding per person who holds it; a
 * referral adds holdings under the sender's own. Every action is one transaction with its
 * in-app messages, and every refusal happens before anything is written.
 */
export class TaskService {
  readonly rows: TaskStore;
  private readonly store: Store;

  constructor(private readonly deps: TaskServiceDeps) {
    this.store = deps.store;
    this.rows = new TaskStore(deps.store);
  }

  create(input: TaskCreateInput, caller: Caller): TaskView {
    const me = requireUser(caller);
    const deadline = this.deadlineOf(input.deadline);
    const taskId = this.store.write(me, (w) => {
      if (input.identityId && this.deps.identities.displayName(input.identityId) === null) {
        throw invalid('identity.notFound', [{ path: ['identityId'], key: 'identity.notFound' }]);
      }
      if (input.item) this.deps.items.requireExisting(input.item, me);
      const holders = this.expand(
        input.assignees.map((a) => ({ ...a, mode: 'original' as const })),
        'assignees',
        new Set(),
        null,
      );
      if (holders.length === 0) throw invalid('task.noAssignees', [{ path: ['assignees'], key: 'task.noAssignees' }]);
      const id = w.insert('tasks', {
        subject: input.subject,
        description: input.description || null,
        priority: input.priority,
        deadline_at: deadline?.at ?? null,
        deadline_time: deadline?.hasTime ? 1 : 0,
        identity_id: input.identityId ?? null,
        item_kind: input.item?.kind ?? null,
        item_id: input.item?.id ?? null,
      });
      for (const h of holders) this.insertHolding(w, id, h, me, null, null, deadline);
      this.deps.inbox.deliver(
        holders.map((h) => h.userId).filter((u) => u !== me),
        { kind: 'task.assigned', params: { subject: input.subject, from: this.name(me) }, item: { kind: TASK_ITEM_KIND, id } },
        w,
      );
      return id;
    });
    return this.view(taskId, me, caller);
  }

  /** The task as the caller may see it; their unseen holdings become seen (the first opening). */
  open(taskId: string, caller: Caller): TaskView {
    const me = requireUser(caller);
    const task = this.visibleTask(taskId, caller);
    const unseen = this.rows.assignments(task.id).filter((a) => a.holder_id === me && a.status === 'unseen');
    if (unseen.length > 0) {
      this.store.write(me, (w) => {
        w.setRoot('tasks', task.id);
        const now = this.store.clock.now();
        for (const a of unseen) w.update('task_assignments', a.id, { status: 'seen', seen_at: now });
        this.deps.inbox.markReadFor(me, { kind: TASK_ITEM_KIND, id: task.id }, w);
      });
    }
    return this.view(task.id, me, caller);
  }

  refer(input: TaskReferInput, caller: Caller): TaskView {
    const me = requireUser(caller);
    const deadline = this.deadlineOf(input.deadline);
    this.store.write(me, (w) => {
      const task = this.visibleTask(input.taskId, caller);
      if (task.cancelled_at !== null) throw new ApiError('conflict', 'task.cancelled');
      const steps = this.rows.assignments(task.id);
      // Refer from the caller's latest holding that may be referred on.
      const from = [...steps]
        .reverse()
        .find((s) => s.holder_id === me && s.mode === 'original' && s.status !== 'done' && s.status !== 'cancelled');
      if (!from) throw new ApiError('forbidden', 'task.cannotRefer');
      const recipients = this.expand(input.recipients, 'recipients', upstreamOf(from, steps), me);
      if (recipients.length === 0) throw invalid('referral.noRecipients', [{ path: ['recipients'], key: 'referral.noRecipients' }]);
      w.setRoot('tasks', task.id);
      const inherited = from.deadline_at !== null ? { at: from.deadline_at, hasTime: from.deadline_time === 1 } : null;
      for (const r of recipients) this.insertHolding(w, task.id, r, me, from.id, input.instruction || null, deadline ?? inherited);
      if (recipients.some((r) => r.mode === 'original')) w.update('task_assignments', from.id, { status: 'referred' });
      this.deps.inbox.deliver(
        recipients.map((r) => r.userId),
        { kind: 'task.referred', params: { subject: task.subject, from: this.name(me) }, item: { kind: TASK_ITEM_KIND, id: task.id } },
        w,
      );
    });
    return this.view(input.taskId, me, caller);
  }

  /** Moves one of the caller's own holdings between seen, in progress and done (the kanban's drag). */
  setStatus(assignmentId: string, status: 'seen' | 'in_progress' | 'done', caller: Caller): TaskView {
    const me = requireUser(caller);
    const taskId = this.store.write(me, (w) => {
      const a = this.rows.assignment(assignmentId);
      if (!a || a.holder_id !== me) throw notFound('task.notFound');
      const task = this.rows.task(a.task_id);
      if (!task) throw notFound('task.notFound');
      if (task.cancelled_at !== null || a.status === 'cancelled') throw new ApiError('conflict', 'task.cancelled');
      if (a.mode !== 'original' && status !== 'seen') throw new ApiError('conflict', 'task.copyIsForInformation');
      const now = this.store.clock.now();
      w.setRoot('tasks', task.id);
      w.update('task_assignments', a.id, {
        status,
        seen_at: a.seen_at ?? now,
        done_at: status === 'done' ? (a.done_at ?? now) : null,
      });
      return task.id;
    });
    return this.view(taskId, me, caller);
  }

  /** The creator calls a task off: every holding still open is cancelled. */
  cancel(taskId: string, caller: Caller): TaskView {
    const me = requireUser(caller);
    this.store.write(me, (w) => {
      const task = this.visibleTask(taskId, caller);
      if (task.created_by !== me) throw new ApiError('forbidden', 'task.notCreator');
      if (task.cancelled_at !== null) return;
      const now = this.store.clock.now();
      w.setRoot('tasks', task.id);
      w.update('tasks', task.id, { cancelled_at: now });
      for (const a of this.rows.assignments(task.id)) {
        if (a.status !== 'done') w.update('task_assignments', a.id, { status: 'cancelled' });
      }
    });
    return this.view(taskId, me, caller);
  }

  cartable(input: Omit<CartableInput, 'from' | 'to'> & Partial<Pick<CartableInput, 'from' | 'to'>>, caller: Caller): TaskCartablePage {
    const me = requireUser(caller);
    const now = this.store.clock.now();
    const zone = this.deps.zone();
    const rows = this.rows.cartable({
      tab: input.tab,
      viewer: me,
      readAll: caller.permissions.has(READ_ALL),
      now,
      statuses: input.statuses,
      personId: input.personId,
      deadlineFrom: input.from ? jalaliToUtc({ ...input.from, time: input.from.time ?? { hour: 0, minute: 0 } }, zone) : undefined,
      deadlineTo: input.to ? jalaliToUtc(input.to, zone) : undefined,
      identityId: input.identityId,
      before: input.before,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const reminded = this.deps.reminders.passed(
      me,
      TASK_ITEM_KIND,
      [...new Set(page.map((r) => r.task_id))],
    );
    const out = page.map((r): TaskCartableRow => {
      const open = OPEN_STATUSES.includes(r.status);
      const identityName = r.identity_id ? this.deps.identities.displayName(r.identity_id) : null;
      return {
        assignmentId: r.id,
        taskId: r.task_id,
        subject: r.subject,
        priority: r.priority,
        status: r.status,
        mode: r.mode,
        holder: this.ref(r.holder_id),
        sender: this.deps.people.ref(r.sender_id),
        deadline: deadlineOf(r),
        at: r.created_at,
        identity: r.identity_id && identityName !== null ? { id: r.identity_id, displayName: identityName } : null,
        overdue: open && r.deadline_at !== null && r.deadline_at < now,
        reminderPassed: open && reminded.has(r.task_id),
        mine: r.holder_id === me,
        announcementId: r.announcement_id,
      };
    });
    const last = out[out.length - 1];
    return { rows: out, next: rows.length > input.limit && last ? last.assignmentId : null };
  }

  /** One notice to many people: a task of their own for each, tracked separately. */
  announce(input: AnnouncementInput, caller: Caller): AnnouncementDetail {
    const me = requireUser(caller);
    const deadline = this.deadlineOf(input.deadline);
    const id = this.store.write(me, (w) => {
      const people =
        'everyone' in input.audience
          ? this.deps.people.everyone().map((userId): Recipient => ({ userId, mode: 'original', viaGroup: null }))
          : this.expand(
              [
                ...input.audience.userIds.map((userId) => ({ userId, mode: 'original' as const })),
                ...input.audience.groupIds.map((groupId) => ({ groupId, mode: 'original' as const })),
              ],
              'audience',
              new Set(),
              null,
            );
      // The sender announces; they do not get the notice themselves.
      const audience = people.filter((p) => p.userId !== me);
      if (audience.length === 0) throw invalid('announcement.noAudience', [{ path: ['audience'], key: 'announcement.noAudience' }]);
      const announcementId = w.insert('announcements', {
        subject: input.subject,
        body: input.body || null,
        priority: input.priority,
        deadline_at: deadline?.at ?? null,
        deadline_time: deadline?.hasTime ? 1 : 0,
        audience: JSON.stringify(input.audience),
      });
      for (const p of audience) {
        const taskId = w.insert('tasks', {
          subject: input.subject,
          description: input.body || null,
          priority: input.priority,
          deadline_at: deadline?.at ?? null,
          deadline_time: deadline?.hasTime ? 1 : 0,
          announcement_id: announcementId,
        });
        this.insertHolding(w, taskId, p, me, null, null, deadline);
        this.deps.inbox.deliver(
          [p.userId],
          { kind: 'task.announced', params: { subject: input.subject, from: this.name(me) }, item: { kind: TASK_ITEM_KIND, id: taskId } },
          w,
        );
      }
      return announcementId;
    });
    return this.announcement(id, caller);
  }

  announcement(id: string, caller: Caller): AnnouncementDetail {
    const me = requireUser(caller);
    const row = this.rows.announcement(id);
    if (!row || (row.created_by !== me && !caller.permissions.has(READ_ALL))) throw notFound('announcement.notFound');
    return {
      ...this.toAnnouncement(row),
      people: this.rows.announcementHoldings(id).map((a) => ({
        taskId: a.task_id,
        assignmentId: a.id,
        holder: this.ref(a.holder_id),
        status: a.status,
        seenAt: a.seen_at,
        doneAt: a.done_at,
      })),
    };
  }

  announcements(query: { before?: string | undefined; limit: number }, caller: Caller): AnnouncementPage {
    const me = requireUser(caller);
    const rows = this.rows.announcementsBy(me, query.before ?? null, query.limit + 1);
    const list = rows.slice(0, query.limit).map((r) => this.toAnnouncement(r));
    const last = list[list.length - 1];
    return { announcements: list, next: rows.length > query.limit && last ? last.id : null };
  }

  /** Tasks as items reminders and follow-ups can attach to. */
  itemKind(): ItemKind {
    return {
      kind: TASK_ITEM_KIND,
      exists: (id) => this.rows.task(id) !== undefined,
      title: (id) => this.rows.task(id)?.subject ?? null,
      link: (id) => `/tasks/${id}`,
      identityOf: (id) => this.rows.task(id)?.identity_id ?? null,
      canSee: (id, userId) => this.rows.involved(id, userId),
    };
  }

  /** Tasks related to an identity, in its history (kind `task`). */
  timelineSource(): TimelineSource {
    return {
      kind: 'task',
      page: (identityId, before, limit) =>
        this.rows.forIdentity(identityId, before, limit).map((t) => {
          const data: TaskEntryData = { taskId: t.id, subject: t.subject, priority: t.priority, deadline: deadlineOf(t), cancelled: t.cancelled_at !== null };
          return { kind: 'task', key: t.id, at: t.created_at, actorId: t.created_by, data };
        }),
    };
  }

  private view(taskId: string, me: string, caller: Caller): TaskView {
    const task = this.visibleTask(taskId, caller);
    const steps = this.rows.assignments(task.id);
    const chain = steps.filter((s) => stepVisibleTo(s, me)).map((s) => this.toStep(s));
    const mine = chain.filter((s) => s.holder.id === me);
    const identityName = task.identity_id ? this.deps.identities.displayName(task.identity_id) : null;
    return {
      id: task.id,
      subject: task.subject,
      description: task.description,
      priority: task.priority,
      deadline: deadlineOf(task),
      identity: task.identity_id && identityName !== null ? { id: task.identity_id, displayName: identityName } : null,
      item: task.item_kind && task.item_id ? this.deps.items.describe({ kind: task.item_kind, id: task.item_id }) : null,
      creator: this.deps.people.ref(task.created_by),
      createdAt: task.created_at,
      cancelledAt: task.cancelled_at,
      announcementId: task.announcement_id,
      chain,
      mine,
      canRefer:
        task.cancelled_at === null && mine.some((s) => s.mode === 'original' && s.status !== 'done' && s.status !== 'cancelled'),
      canCancel: task.cancelled_at === null && task.created_by === me,
    };
  }

  /** The task if the caller is part of it (or may read all tasks); otherwise "not found". */
  private visibleTask(taskId: string, caller: Caller): TaskRow {
    const me = requireUser(caller);
    const task = this.rows.task(taskId);
    if (!task || (!caller.permissions.has(READ_ALL) && !this.rows.involved(task.id, me))) throw notFound('task.notFound');
    return task;
  }

  /**
   * Users and groups → one recipient per person. A named user must be active and, for an
   * original, not upstream (a cycle); group members upstream already had the task and
   * are passed over, as is the sender.
   */
  private expand(
    list: { userId?: string | undefined; groupId?: string | undefined; mode: ReferralMode }[],
    field: string,
    upstream: ReadonlySet<string>,
    sender: string | null,
  ): Recipient[] {
    const out = new Map<string, Recipient>();
    const add = (userId: string, mode: ReferralMode, viaGroup: string | null) => {
      const had = out.get(userId);
      out.set(userId, had ? { ...had, mode: strongerMode(had.mode, mode) } : { userId, mode, viaGroup });
    };
    list.forEach((p, i) => {
      if (p.userId) {
        if (!this.deps.people.isActiveUser(p.userId)) throw invalid('user.notFound', [{ path: [field, i, 'userId'], key: 'user.notFound' }]);
        if (p.userId === sender || (p.mode === 'original' && upstream.has(p.userId))) {
          const params = { name: this.name(p.userId) };
          throw new ApiError('conflict', 'referral.cycle', params, [{ path: [field, i, 'userId'], key: 'referral.cycle', params }]);
        }
        add(p.userId, p.mode, null);
      } else if (p.groupId) {
        const members = this.deps.people.groupMembers(p.groupId);
        if (members === null) throw invalid('group.notFound', [{ path: [field, i, 'groupId'], key: 'group.notFound' }]);
        for (const m of members) {
          if (m === sender || (p.mode === 'original' && upstream.has(m))) continue;
          add(m, p.mode, p.groupId);
        }
      }
    });
    return [...out.values()];
  }

  private insertHolding(
    w: Writer,
    taskId: string,
    r: Recipient,
    sender: string,
    parentId: string | null,
    instruction: string | null,
    deadline: Deadline | null,
  ): void {
    // Assigning a task to oneself needs no "new" flag: the creator has seen it.
    const own = r.userId === sender;
    w.insert('task_assignments', {
      task_id: taskId,
      holder_id: r.userId,
      sender_id: sender,
      parent_id: parentId,
      via_group_id: r.viaGroup,
      mode: r.mode,
      instruction,
      deadline_at: deadline?.at ?? null,
      deadline_time: deadline?.hasTime ? 1 : 0,
      status: own ? 'seen' : 'unseen',
      seen_at: own ? this.store.clock.now() : null,
    });
  }

  private deadlineOf(w: JalaliWallTime | undefined): Deadline | null {
    return w ? { at: jalaliToUtc(w, this.deps.zone()), hasTime: w.time !== null } : null;
  }

  private toStep(s: AssignmentRow): ChainStep {
    const groupName = s.via_group_id ? this.deps.people.groupName(s.via_group_id) : null;
    return {
      assignmentId: s.id,
      parentId: s.parent_id,
      sender: this.deps.people.ref(s.sender_id),
      holder: this.ref(s.holder_id),
      viaGroup: s.via_group_id ? { id: s.via_group_id, name: groupName ?? '—' } : null,
      mode: s.mode,
      instruction: s.instruction,
      deadline: deadlineOf(s),
      at: s.created_at,
      status: s.status,
      seenAt: s.seen_at,
      doneAt: s.done_at,
    };
  }

  private toAnnouncement(r: AnnouncementRow): Announcement {
    const rollup: Rollup = { total: 0, unseen: 0, seen: 0, inProgress: 0, done: 0 };
    for (const { status, n } of this.rows.announcementStatusCounts(r.id)) {
      rollup.total += n;
      if (status === 'unseen') rollup.unseen += n;
      else if (status !== 'cancelled') rollup.seen += n;
      if (status === 'in_progress') rollup.inProgress += n;
      if (status === 'done') rollup.done += n;
    }
    return {
      id: r.id,
      subject: r.subject,
      body: r.body,
      priority: r.priority,
      deadline: deadlineOf(r),
      createdAt: r.created_at,
      sender: this.deps.people.ref(r.created_by),
      rollup,
    };
  }

  private ref(userId: string) {
    return this.deps.people.ref(userId) ?? { id: userId, displayName: '—' };
  }

  private name(userId: string): string {
    return this.ref(userId).displayName;
  }
}

function deadlineOf(r: { deadline_at: number | null; deadline_time: number }): Deadline | null {
  return r.deadline_at === null ? null : { at: r.deadline_at, hasTime: r.deadline_time === 1 };
}

function requireUser(caller: Caller): string {
  if (!caller.userId) throw forbidden();
  return caller.userId;
}
