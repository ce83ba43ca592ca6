/**
 * The dashboard's follow-ups: mine still open, in four groups — overdue, today, tomorrow,
 * without a date. Each line opens its item; the tick marks it done.
 */
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import type { FollowUp, FollowUpAgenda } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';

const GROUPS: (keyof FollowUpAgenda)[] = ['overdue', 'today', 'tomorrow', 'undated'];

function Line({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} component="li" data-testid="followup-line">
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography dir="auto" className="preserve-lines">
          {f.note}
        </Typography>
        <Typography variant="body2" color="text.secondary" noWrap>
          {f.link ? (
            <Link component={RouterLink} to={f.link} underline="hover">
              <bdi>{f.title ?? t('followups.itemGone')}</bdi>
            </Link>
          ) : (
            <bdi>{f.title ?? t('followups.itemGone')}</bdi>
          )}
          {f.next && ` · ${f.next.hasTime ? fmt.dateTime(f.next.at) : fmt.date(f.next.at)}`}
        </Typography>
      </Box>
      <IconButton size="small" aria-label={t('followups.markDone')} onClick={() => void api.call('followups.update', { id: f.id, done: true })}>
        <CheckCircleOutline fontSize="small" />
      </IconButton>
    </Stack>
  );
}

export function FollowUpWidget() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const agenda = useQuery('followups.agenda', {}, { reads: ['followups'] });
  const data = agenda.data;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="followup-widget-title" data-testid="followup-widget">
      <Typography id="followup-widget-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
        {t('followups.widget.title')}
      </Typography>
      {!data ? (
        <Skeleton height={80} />
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 2 }}>
          {GROUPS.map((g) => (
            <Box key={g} data-testid={`followups-${g}`}>
              <Typography variant="body2" sx={{ fontWeight: 700, color: g === 'overdue' ? 'error.main' : 'text.secondary', mb: 0.5 }}>
                {t(`followups.widget.${g}`)} ({fmt.number(data[g].length)})
              </Typography>
              <Stack component="ul" spacing={1} sx={{ m: 0, p: 0, listStyle: 'none' }}>
                {data[g].map((f) => (
                  <Line key={f.id} f={f} />
                ))}
                {data[g].length === 0 && (
                  <Typography component="li" variant="body2" color="text.secondary">
                    {t('followups.widget.none')}
                  </Typography>
                )}
              </Stack>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
