/** The cartable as a table: overdue rows red, rows whose reminder has come yellow. */
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import Table from '@mui/material/Table';
import TableHead from '@mui/material/TableHead';
import TableBody from '@mui/material/TableBody';
import TableRow from '@mui/material/TableRow';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Tooltip from '@mui/material/Tooltip';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import AlarmOutlined from '@mui/icons-material/AlarmOutlined';
import type { TaskCartableRow } from '../../../main/contract';
import { PriorityChip, rowTint, StatusChip, useDeadlineText } from './display';

export function CartableGrid({ rows, empty }: { rows: TaskCartableRow[]; empty: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const deadlineText = useDeadlineText();
  return (
    <TableContainer>
      <Table size="small" aria-label={t('tasks.title')} data-testid="cartable-grid">
        <TableHead>
          <TableRow>
            <TableCell>{t('tasks.column.subject')}</TableCell>
            <TableCell>{t('tasks.column.status')}</TableCell>
            <TableCell>{t('tasks.column.holder')}</TableCell>
            <TableCell>{t('tasks.column.sender')}</TableCell>
            <TableCell>{t('tasks.column.deadline')}</TableCell>
            <TableCell>{t('tasks.column.identity')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={r.assignmentId}
              hover
              onClick={() => navigate(`/tasks/${r.taskId}`)}
              sx={[{ cursor: 'pointer' }, rowTint(r)]}
              data-testid="cartable-row"
              data-status={r.status}
              data-overdue={r.overdue}
              data-reminder-passed={r.reminderPassed}
              data-subject={r.subject}
              data-holder={r.holder.displayName}
            >
              <TableCell>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  {r.overdue && (
                    <Tooltip title={t('tasks.overdue')}>
                      <ErrorOutline color="error" fontSize="small" aria-label={t('tasks.overdue')} />
                    </Tooltip>
                  )}
                  {!r.overdue && r.reminderPassed && (
                    <Tooltip title={t('tasks.reminderPassed')}>
                      <AlarmOutlined color="warning" fontSize="small" aria-label={t('tasks.reminderPassed')} />
                    </Tooltip>
                  )}
                  <Link component={RouterLink} to={`/tasks/${r.taskId}`} underline="hover" onClick={(e) => e.stopPropagation()} sx={{ fontWeight: 600 }}>
                    <bdi>{r.subject}</bdi>
                  </Link>
                  <PriorityChip priority={r.priority} />
                  {r.mode !== 'original' && <Typography variant="caption" color="text.secondary">({t(`tasks.mode.${r.mode}`)})</Typography>}
                </Stack>
              </TableCell>
              <TableCell>
                <StatusChip status={r.status} />
              </TableCell>
              <TableCell>
                <bdi>{r.holder.displayName}</bdi>
              </TableCell>
              <TableCell>
                <bdi>{r.sender?.displayName ?? '—'}</bdi>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap', color: r.overdue ? 'error.main' : undefined, fontWeight: r.overdue ? 700 : undefined }}>
                {deadlineText(r.deadline)}
              </TableCell>
              <TableCell>{r.identity && <bdi>{r.identity.displayName}</bdi>}</TableCell>
            </TableRow>
          ))}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>
                <Typography color="text.secondary" sx={{ py: 2, textAlign: 'center' }} data-testid="cartable-empty">
                  {empty}
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
