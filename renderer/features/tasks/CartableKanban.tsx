/**
 * The cartable as a board, one column per status. A card I hold (an original) can be
 * dragged to seen, in progress or done; dropping it on "referred" opens the refer dialog.
 * All six columns share the width they are given (none has a minimum width; titles and
 * subjects wrap), so done and cancelled are on screen at 1024 px in either language.
 */
import { useState, type DragEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import Alert from '@mui/material/Alert';
import type { TaskCartableRow, TaskStatus } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../app/useFormat';
import { PriorityChip, rowTint, STATUSES, useDeadlineText } from './display';
import { ReferDialog } from './ReferDialog';

const DROP_TO_SET = new Set<TaskStatus>(['seen', 'in_progress', 'done']);
const MIME = 'application/x-daftar-assignment';

const draggable = (r: TaskCartableRow) => r.mine && r.mode === 'original' && r.status !== 'cancelled';

export function CartableKanban({ rows }: { rows: TaskCartableRow[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const deadlineText = useDeadlineText();
  const [over, setOver] = useState<TaskStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [referring, setReferring] = useState<TaskCartableRow | null>(null);
  const byId = new Map(rows.map((r) => [r.assignmentId, r]));

  const accepts = (status: TaskStatus) => DROP_TO_SET.has(status) || status === 'referred';
  const onDrop = async (status: TaskStatus, e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const row = byId.get(e.dataTransfer.getData(MIME));
    if (!row || row.status === status) return;
    if (status === 'referred') return setReferring(row);
    if (!DROP_TO_SET.has(status)) return;
    const r = await api.call('tasks.setStatus', { assignmentId: row.assignmentId, status: status as 'seen' | 'in_progress' | 'done' });
    setError(r.ok ? null : r.error.message);
  };

  return (
    <>
      {error && (
        <Alert severity="error" onClose={() => setError(null)} sx={{ m: 1 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${STATUSES.length}, minmax(0, 1fr))`, gap: 1, p: 1 }} data-testid="cartable-kanban">
        {STATUSES.map((status) => {
          const cards = rows.filter((r) => r.status === status);
          return (
            <Box
              key={status}
              component="section"
              aria-label={t(`tasks.status.${status}`)}
              data-testid={`kanban-column-${status}`}
              onDragOver={(e) => {
                if (!accepts(status) || !e.dataTransfer.types.includes(MIME)) return;
                e.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={(e) => void onDrop(status, e)}
              sx={{
                bgcolor: over === status ? 'action.selected' : 'action.hover',
                borderRadius: 1,
                p: 1,
                minWidth: 0,
                minHeight: 240,
                outline: over === status ? (th) => `2px dashed ${th.palette.primary.main}` : undefined,
              }}
            >
              <Typography variant="subtitle2" sx={{ mb: 1, fontWeight: 700, overflowWrap: 'anywhere' }}>
                {t(`tasks.status.${status}`)} ({fmt.number(cards.length)})
              </Typography>
              <Stack spacing={1}>
                {cards.map((r) => (
                  <Paper
                    key={r.assignmentId}
                    variant="outlined"
                    draggable={draggable(r)}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(MIME, r.assignmentId);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    sx={[{ p: 1, minWidth: 0, cursor: draggable(r) ? 'grab' : 'default' }, rowTint(r)]}
                    data-testid="kanban-card"
                    data-subject={r.subject}
                    data-overdue={r.overdue}
                    data-reminder-passed={r.reminderPassed}
                  >
                    <Link component={RouterLink} to={`/tasks/${r.taskId}`} underline="hover" sx={{ fontWeight: 600, display: 'block', overflowWrap: 'anywhere' }} draggable={false}>
                      <bdi>{r.subject}</bdi>
                    </Link>
                    <Typography variant="body2" color="text.secondary" noWrap>
                      <bdi>{r.holder.displayName}</bdi>
                    </Typography>
                    <Stack direction="row" sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap', gap: 0.5 }}>
                      <Typography
                        variant="caption"
                        sx={{ color: r.overdue ? 'error.main' : 'text.secondary', fontWeight: r.overdue ? 700 : 400, flex: '1 1 auto', minWidth: 0 }}
                      >
                        {deadlineText(r.deadline)}
                      </Typography>
                      <PriorityChip priority={r.priority} />
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            </Box>
          );
        })}
      </Box>
      {referring && (
        <ReferDialog task={{ id: referring.taskId, subject: referring.subject }} onClose={() => setReferring(null)} onSaved={() => setReferring(null)} />
      )}
    </>
  );
}
