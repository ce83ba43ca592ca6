import type { Store } from '../../db/writer';
import type { TaskCartableTab, Priority, ReferralMode, TaskStatus } from './schema';

export interface TaskRow {
  id: string;
  subject: string;
  description: string | null;
  priority: Priority;
  deadline_at: number | null;
  deadline_time: number;
  identity_id: string | null;
  item_kind: string | null;
  item_id: string | null;
  announcement_id: string | null;
  cancelled_at: number | null;
  created_at: number;
  created_by: string | null;
}

export interface AssignmentRow {
  id: string;
  task_id: string;
  holder_id: string;
  sender_id: string | null;
  parent_id: string | null;
  via_group_id: string | null;
  mode: ReferralMode;
  instruction: string | null;
  deadline_at: number | null;
  deadline_time: number;
  status: TaskStatus;
  seen_at: number | null;
  done_at: number | null;
  created_at: number;
}

export interface CartableSqlRow extends AssignmentRow {
  subject: string;
  priority: Priority;
  identity_id: string | null;
  announcement_id: string | null;
}

export interface AnnouncementRow {
  id: string;
  subject: string;
  body: string | null;
  priority: Priority;
  deadline_at: number | null;
  deadline_time: number;
  created_at: number;
  created_by: string | null;
}

export interface CartableFilter {
  tab: TaskCartableTab;
  viewer: string;
  readAll: boolean;
  now: number;
  statuses?: readonly TaskStatus[] | undefined;
  personId?: string | undefined;
  deadlineFrom?: number | undefined;
  deadlineTo?: number | undefined;
  identityId?: string | undefined;
  before?: string | undefined;
  limit: number;
}

const TASK_COLUMNS = `id, subject, description, priority, deadline_at, deadline_time, identity_id, item_kind, item_id,
  announcement_id, cancelled_at, created_at, created_by`;
const ASSIGNMENT_COLUMNS = `a.id, a.task_id, a.holder_id, a.sender_id, a.parent_id, a.via_group_id, a.mode, a.instruction,
  a.deadline_at, a.deadline_time, a.status, a.seen_at, a.done_at, a.created_at`;
const OPEN = "a.status IN ('unseen', 'seen', 'in_progress')";

/**
 * Rows a viewer may see in the cartable: what they hold or sent, and (hidden copies apart)
 * every step of tasks they created, or of every task with tasks.readAll.
 */
const VISIBLE = `(a.holder_id = @viewer OR a.sender_id = @viewer
  OR (a.mode <> 'hidden' AND (t.created_by = @viewer OR @readAll = 1)))`;

const TAB: Record<TaskCartableTab, string> = {
  mine: 'a.holder_id = @viewer',
  referredByMe: 'a.sender_id = @viewer AND a.parent_id IS NOT NULL',
  createdByMe: 't.created_by = @viewer AND a.parent_id IS NULL',
  overdue: `${VISIBLE} AND ${OPEN} AND a.deadline_at < @now`,
  all: VISIBLE,
};

/** SQL of tasks, their holdings (the referral chain) and announcements. */
export class TaskStore {
  constructor(private readonly store: Store) {}

  task(id: string): TaskRow | undefined {
    return this.store.sql(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ? AND deleted_at IS NULL`).get(id) as TaskRow | undefined;
  }

  /** Every holding of a task, in the order they were made (UUIDv7 ids). */
  assignments(taskId: string): AssignmentRow[] {
    return this.store
      .sql(`SELECT ${ASSIGNMENT_COLUMNS} FROM task_assignments a WHERE a.task_id = ? AND a.deleted_at IS NULL ORDER BY a.id`)
      .all(taskId) as AssignmentRow[];
  }

  assignment(id: string): AssignmentRow | undefined {
    return this.store
      .sql(`SELECT ${ASSIGNMENT_COLUMNS} FROM task_assignments a WHERE a.id = ? AND a.deleted_at IS NULL`)
      .get(id) as AssignmentRow | undefined;
  }

  /** Whether the user holds, sent or created anything of this task (hidden copies included). */
  involved(taskId: string, userId: string): boolean {
    return (
      this.store
        .sql(
          `SELECT 1 FROM tasks t WHERE t.id = @task AND t.deleted_at IS NULL AND (t.created_by = @user OR EXISTS (
             SELECT 1 FROM task_assignments a WHERE a.task_id = t.id AND a.deleted_at IS NULL
             AND (a.holder_id = @user OR a.sender_id = @user)))`,
        )
        .get({ task: taskId, user: userId }) !== undefined
    );
  }

  /** One page of the cartable, newest first, keyset-paged on the holding's UUIDv7 id. */
  cartable(f: CartableFilter): CartableSqlRow[] {
    const where = ['a.deleted_at IS NULL', 't.deleted_at IS NULL', TAB[f.tab]];
    const params: Record<string, string | number> = { viewer: f.viewer, limit: f.limit };
    if (f.tab === 'overdue') params.now = f.now;
    if (f.tab === 'overdue' || f.tab === 'all') params.readAll = f.readAll ? 1 : 0;
    if (f.statuses && f.statuses.length > 0) {
      where.push('a.status IN (SELECT value FROM json_each(@statuses))');
      params.statuses = JSON.stringify(f.statuses);
    }
    if (f.personId) {
      where.push('(a.holder_id = @person OR a.sender_id = @person)');
      params.person = f.personId;
    }
    if (f.deadlineFrom !== undefined) {
      where.push('a.deadline_at >= @from');
      params.from = f.deadlineFrom;
    }
    if (f.deadlineTo !== undefined) {
      where.push('a.deadline_at <= @to');
      params.to = f.deadlineTo;
    }
    if (f.identityId) {
      where.push('t.identity_id = @identity');
      params.identity = f.identityId;
    }
    if (f.before) {
      where.push('a.id < @before');
      params.before = f.before;
    }
    // Built only from the fixed fragments above; every value is a bound parameter.
    const text = `SELECT ${ASSIGNMENT_COLUMNS}, t.subject, t.priority, t.identity_id, t.announcement_id
      FROM task_assignments a JOIN tasks t ON t.id = a.task_id
      WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT @limit`;
    return this.store.sql(text).all(params) as CartableSqlRow[];
  }

  /** Tasks related to an identity, newest first, keyset-paged on (created_at, id). */
  forIdentity(identityId: string, before: { at: number; key: string } | null, limit: number): TaskRow[] {
    return (
      before
        ? this.store
            .sql(
              `SELECT ${TASK_COLUMNS} FROM tasks WHERE identity_id = ? AND deleted_at IS NULL AND (created_at, id) < (?, ?)
               ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(identityId, before.at, before.key, limit)
        : this.store
            .sql(`SELECT ${TASK_COLUMNS} FROM tasks WHERE identity_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`)
            .all(identityId, limit)
    ) as TaskRow[];
  }

  announcement(id: string): AnnouncementRow | undefined {
    return this.store
      .sql('SELECT id, subject, body, priority, deadline_at, deadline_time, created_at, created_by FROM announcements WHERE id = ? AND deleted_at IS NULL')
      .get(id) as AnnouncementRow | undefined;
  }

  announcementsBy(userId: string, before: string | null, limit: number): AnnouncementRow[] {
    const cols = 'id, subject, body, priority, deadline_at, deadline_time, created_at, created_by';
    return (
      before
        ? this.store
            .sql(`SELECT ${cols} FROM announcements WHERE created_by = ? AND deleted_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?`)
            .all(userId, before, limit)
        : this.store.sql(`SELECT ${cols} FROM announcements WHERE created_by = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT ?`).all(userId, limit)
    ) as AnnouncementRow[];
  }

  /** Each person's own holding of the announcement's task (the first step, not later referrals). */
  announcementHoldings(announcementId: string): AssignmentRow[] {
    return this.store
      .sql(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM tasks t JOIN task_assignments a ON a.task_id = t.id
         WHERE t.announcement_id = ? AND t.deleted_at IS NULL AND a.parent_id IS NULL AND a.deleted_at IS NULL ORDER BY a.id`,
      )
      .all(announcementId) as AssignmentRow[];
  }

  announcementStatusCounts(announcementId: string): { status: TaskStatus; n: number }[] {
    return this.store
      .sql(
        `SELECT a.status, count(*) AS n FROM tasks t JOIN task_assignments a ON a.task_id = t.id
         WHERE t.announcement_id = ? AND t.deleted_at IS NULL AND a.parent_id IS NULL AND a.deleted_at IS NULL GROUP BY a.status`,
      )
      .all(announcementId) as { status: TaskStatus; n: number }[];
  }
}
