/**
 * One task: what it is, my own holding of it (and its status buttons), refer and cancel,
 * the referral chain, and my reminders and everyone's follow-ups on it. Opening it is what
 * turns my holding from unseen to seen.
 */
import { useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Paper from '@mui/material/Paper';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import LinearProgress from '@mui/material/LinearProgress';
import Box from '@mui/material/Box';
import ForwardToInboxOutlined from '@mui/icons-material/ForwardToInboxOutlined';
import type { ChainStep, TaskView } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { ItemReminders } from '../reminders/ItemReminders';
import { ItemFollowUps } from '../followups/ItemFollowUps';
import { PriorityChip, StatusChip, useDeadlineText } from './display';
import { ReferDialog } from './ReferDialog';
import { ReferralChain } from './ReferralChain';

const NEXT: Record<string, ('seen' | 'in_progress' | 'done')[]> = {
  unseen: ['in_progress', 'done'],
  seen: ['in_progress', 'done'],
  in_progress: ['done'],
  referred: ['in_progress', 'done'],
  done: ['in_progress'],
  cancelled: [],
};

function MyHolding({ step }: { step: ChainStep }) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const moves = step.mode === 'original' ? NEXT[step.status] ?? [] : [];
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} data-testid="my-holding" data-status={step.status}>
      <Typography variant="body2">{t('tasks.page.myStatus')}</Typography>
      <StatusChip status={step.status} />
      {moves.map((s) => (
        <Button
          key={s}
          size="small"
          variant="outlined"
          onClick={async () => {
            const r = await api.call('tasks.setStatus', { assignmentId: step.assignmentId, status: s });
            setError(r.ok ? null : r.error.message);
          }}
          data-testid={`set-status-${s}`}
        >
          {t(`tasks.page.to.${s}`)}
        </Button>
      ))}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const deadlineText = useDeadlineText();
  // tasks.open marks my unseen holding seen: the first opening is the moment it is seen.
  const task = useQuery('tasks.open', { id }, { reads: ['tasks', 'task_assignments'] });
  const [referring, setReferring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data: TaskView | undefined = task.data;

  useEffect(() => {
    if (data) document.title = `${data.subject} — ${t('app.name')}`;
  }, [data, t]);

  if (task.error && !data) return <Alert severity="error">{task.error.message}</Alert>;
  if (!data) return <LinearProgress aria-label={t('common.loading')} />;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }} data-testid="task-page">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }} data-testid="task-subject-heading">
          <bdi>{data.subject}</bdi>
        </Typography>
        <PriorityChip priority={data.priority} />
        {data.cancelledAt && <Alert severity="warning">{t('tasks.page.cancelled', { time: fmt.dateTime(data.cancelledAt) })}</Alert>}
        {data.canRefer && (
          <Button variant="contained" startIcon={<ForwardToInboxOutlined />} onClick={() => setReferring(true)} data-testid="task-refer">
            {t('tasks.refer.button')}
          </Button>
        )}
        {data.canCancel && (
          <Button
            color="error"
            onClick={async () => {
              const r = await api.call('tasks.cancel', { id: data.id });
              setError(r.ok ? null : r.error.message);
            }}
            data-testid="task-cancel"
          >
            {t('tasks.page.cancel')}
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={1}>
          <Typography variant="body2" color="text.secondary">
            {t('tasks.page.createdBy', { name: data.creator?.displayName ?? '—', time: fmt.dateTime(data.createdAt) })}
          </Typography>
          <Typography>
            {t('tasks.field.deadline')}: {deadlineText(data.deadline)}
          </Typography>
          {data.identity && (
            <Typography>
              {t('tasks.field.identity')}:{' '}
              <Link component={RouterLink} to={`/identities/${data.identity.id}`}>
                <bdi>{data.identity.displayName}</bdi>
              </Link>
            </Typography>
          )}
          {data.item && (
            <Typography>
              {t('tasks.field.item')}:{' '}
              <Link component={RouterLink} to={data.item.link}>
                <bdi>{data.item.title}</bdi>
              </Link>
            </Typography>
          )}
          {data.description && (
            <Typography className="preserve-lines" dir="auto" sx={{ pt: 1 }}>
              {data.description}
            </Typography>
          )}
          {data.mine.map((s) => (
            <MyHolding key={s.assignmentId} step={s} />
          ))}
        </Stack>
      </Paper>

      <Box>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('tasks.chain.title')}
        </Typography>
        <ReferralChain steps={data.chain} />
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 2 }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
            {t('tasks.page.reminders')}
          </Typography>
          <ItemReminders item={{ kind: 'task', id: data.id }} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
            {t('tasks.page.followups')}
          </Typography>
          <ItemFollowUps item={{ kind: 'task', id: data.id }} />
        </Paper>
      </Box>

      {referring && <ReferDialog task={data} onClose={() => setReferring(false)} onSaved={(v) => (setReferring(false), task.replace(v))} />}
    </Stack>
  );
}
