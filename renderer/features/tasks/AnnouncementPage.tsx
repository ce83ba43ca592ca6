/** One announcement: its text, the roll-up, and each person's own task and status. */
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableHead from '@mui/material/TableHead';
import TableBody from '@mui/material/TableBody';
import TableRow from '@mui/material/TableRow';
import TableCell from '@mui/material/TableCell';
import Link from '@mui/material/Link';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { StatusChip, useDeadlineText } from './display';
import { Rollup } from './Rollup';

export function AnnouncementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const deadlineText = useDeadlineText();
  const a = useQuery('tasks.announcement', { id }, { reads: ['task_assignments', 'tasks', 'announcements'] });
  if (a.error && !a.data) return <Alert severity="error">{a.error.message}</Alert>;
  if (!a.data) return <LinearProgress aria-label={t('common.loading')} />;
  const d = a.data;
  return (
    <Stack spacing={2} sx={{ maxWidth: 960 }}>
      <Typography variant="h5" component="h1">
        <bdi>{d.subject}</bdi>
      </Typography>
      <Typography color="text.secondary">
        {t('tasks.announce.sentAt', { time: fmt.dateTime(d.createdAt) })} · {t('tasks.field.deadline')}: {deadlineText(d.deadline)}
      </Typography>
      {d.body && (
        <Typography className="preserve-lines" dir="auto">
          {d.body}
        </Typography>
      )}
      <Rollup rollup={d.rollup} />
      <Paper variant="outlined">
        <Table size="small" aria-label={t('tasks.announce.people')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('tasks.column.holder')}</TableCell>
              <TableCell>{t('tasks.column.status')}</TableCell>
              <TableCell>{t('tasks.chain.seenAt')}</TableCell>
              <TableCell>{t('tasks.chain.doneAt')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {d.people.map((p) => (
              <TableRow key={p.assignmentId} data-testid="announcement-person">
                <TableCell>
                  <Link component={RouterLink} to={`/tasks/${p.taskId}`} underline="hover">
                    <bdi>{p.holder.displayName}</bdi>
                  </Link>
                </TableCell>
                <TableCell>
                  <StatusChip status={p.status} />
                </TableCell>
                <TableCell>{p.seenAt ? fmt.dateTime(p.seenAt) : '—'}</TableCell>
                <TableCell>{p.doneAt ? fmt.dateTime(p.doneAt) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Stack>
  );
}
