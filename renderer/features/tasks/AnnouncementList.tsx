/** The announcements I sent, newest first, each with its roll-up. */
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { Rollup } from './Rollup';

export function AnnouncementList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useQuery('tasks.announcements', { limit: 30 }, { reads: ['announcements', 'task_assignments'] });
  const items = list.data?.announcements ?? [];
  if (items.length === 0) return <Typography color="text.secondary">{t('tasks.announce.none')}</Typography>;
  return (
    <Stack spacing={1.5}>
      {items.map((a) => (
        <Paper key={a.id} variant="outlined" sx={{ p: 1.5 }} data-testid="announcement">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
            <Link component={RouterLink} to={`/announcements/${a.id}`} underline="hover" sx={{ fontWeight: 700, flex: 1 }}>
              <bdi>{a.subject}</bdi>
            </Link>
            <Typography variant="body2" color="text.secondary">
              {fmt.dateTime(a.createdAt)}
            </Typography>
          </Stack>
          <Rollup rollup={a.rollup} />
        </Paper>
      ))}
    </Stack>
  );
}
