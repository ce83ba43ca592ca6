/**
 * How a task's status, priority, send type and deadline read, shared by the cartable, the
 * kanban and the task page.
 */
import { useTranslation } from 'react-i18next';
import Chip from '@mui/material/Chip';
import { alpha, type Theme } from '@mui/material/styles';
import type { Deadline, Priority, TaskStatus } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';

export const STATUSES: readonly TaskStatus[] = ['unseen', 'seen', 'in_progress', 'referred', 'done', 'cancelled'];
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

const STATUS_COLOUR: Record<TaskStatus, 'default' | 'info' | 'primary' | 'secondary' | 'success' | 'warning'> = {
  unseen: 'info',
  seen: 'default',
  in_progress: 'primary',
  referred: 'secondary',
  done: 'success',
  cancelled: 'default',
};

export function StatusChip({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(`tasks.status.${status}`)}
      color={STATUS_COLOUR[status]}
      variant={status === 'unseen' ? 'filled' : 'outlined'}
      data-testid="task-status"
      data-status={status}
    />
  );
}

export function PriorityChip({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={priority === 'urgent' ? 'error' : priority === 'high' ? 'warning' : 'default'}
      label={t(`tasks.priority.${priority}`)}
    />
  );
}

export function useDeadlineText(): (d: Deadline | null) => string {
  const fmt = useFormat();
  const { t } = useTranslation();
  return (d) => (d ? (d.hasTime ? fmt.dateTime(d.at) : fmt.date(d.at)) : t('tasks.noDeadline'));
}

/** Red for overdue, yellow for a reminder that has come: the cartable's two warnings. */
export function rowTint(row: { overdue: boolean; reminderPassed: boolean }) {
  return (th: Theme) =>
    row.overdue
      ? { bgcolor: alpha(th.palette.error.main, 0.1), boxShadow: `inset 4px 0 0 ${th.palette.error.main}` }
      : row.reminderPassed
        ? { bgcolor: alpha(th.palette.warning.light, 0.28), boxShadow: `inset 4px 0 0 ${th.palette.warning.main}` }
        : {};
}
