import type { Scope } from '../../db/sync/policy';
import type { Param, Sql } from '../database/database';
import type { RowState } from './rows';

export type TaskScope = Extract<Scope, { task: unknown }>;

export const isTaskScope = (scope: Scope | undefined): scope is TaskScope => scope !== undefined && scope !== 'everyone' && 'task' in scope;

/** The audience every row of one task carries: the pull matches it against task_access. */
export const taskAudience = (taskId: string | null) => (taskId ? `task:${taskId}` : ' ');

/** The task a row belongs to: the row itself, or the one its column names. */
export function taskOf(scope: TaskScope, row: RowState): string | null {
  const value = scope.task === 'id' ? row.rowId : row.fields[scope.task];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Who a row makes part of its task: its creator and the users its `people` columns name. */
export function peopleOf(scope: TaskScope, row: RowState): string[] {
  const named = (scope.people ?? []).map((c) => row.fields[c]);
  return [...new Set([row.createdBy, ...named].filter((x): x is string => typeof x === 'string' && x.length > 0))];
}

/**
 * Which of these task audiences a user takes part in (task_access, written as changes are
 * accepted). Kept for the batch and grown as its changes make the author part of a task
 * (a new task, then its first step, in one push).
 */
export async function loadTaskAccess(sql: Sql, userId: string, audiences: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(audiences)];
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rows = await sql.all<{ audience: string }>(
      `SELECT audience FROM task_access WHERE user_id = ? AND audience IN (${part.map(() => '?').join(', ')})`,
      [userId, ...part],
    );
    for (const r of rows) found.add(r.audience);
  }
  return found;
}

/** Records who became part of which task with which change; the first change that did stays. */
export async function grantTaskAccess(sql: Sql, grants: readonly { audience: string; userId: string; seq: number }[]): Promise<void> {
  for (const g of grants) {
    const params: Param[] = [g.audience, g.userId, g.seq];
    await sql.run('INSERT INTO task_access (audience, user_id, seq) VALUES (?, ?, ?) ON CONFLICT (audience, user_id) DO NOTHING', params);
  }
}
