/**
 * The dashboard (پیشخوان): today's date, what is in the address book, what changed last,
 * and the two things people do most from here: add an identity, find one.
 */
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { contributions, useFeatures } from '../../app/features';
import { useFormat } from '../../app/useFormat';
import { SearchField } from '../../app/SearchField';
import { useToday } from './useToday';
import { IdentityDialog } from '../identities/IdentityDialog';
import { KindIcon } from '../identities/display';

function CountCard({ label, value, testId }: { label: string; value: string | undefined; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700 }} data-testid={testId}>
        {value ?? <Skeleton width={60} />}
      </Typography>
    </Paper>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { can, session } = useAppState();
  const summary = useQuery('dashboard.summary', {}, { reads: ['identities', 'notes'] });
  const features = useFeatures();
  const today = useToday();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);

  const find = (e: FormEvent) => {
    e.preventDefault();
    const q = search.trim();
    navigate(q ? `/contacts?q=${encodeURIComponent(q)}` : '/contacts');
  };

  const counts = summary.data?.counts;
  return (
    <Stack spacing={3}>
      <Box>
        <Typography variant="h5" component="h1">
          {session?.user ? (
            <>
              {t('dashboard.greeting')} <bdi>{session.user.displayName}</bdi>
            </>
          ) : (
            t('nav.dashboard')
          )}
        </Typography>
        <Typography variant="h6" component="p" color="primary" data-testid="today">
          {fmt.longDate(today)}
        </Typography>
      </Box>

      {summary.error && <Alert severity="error">{summary.error.message}</Alert>}

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 2 }}>
        <CountCard label={t('dashboard.counts.persons')} value={counts && fmt.number(counts.persons)} testId="count-persons" />
        <CountCard
          label={t('dashboard.counts.organisations')}
          value={counts && fmt.number(counts.organisations)}
          testId="count-organisations"
        />
        <CountCard
          label={t('dashboard.counts.notesThisWeek')}
          value={counts && fmt.number(counts.notesThisWeek)}
          testId="count-notes"
        />
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1.4fr', gap: 2, alignItems: 'start' }}>
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="quick-actions-title">
          <Typography id="quick-actions-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1.5 }}>
            {t('dashboard.quickActions')}
          </Typography>
          <Stack spacing={2}>
            <Box component="form" onSubmit={find} role="search">
              <Stack direction="row" spacing={1}>
                <SearchField
                  label={t('dashboard.searchContacts')}
                  placeholder={t('contacts.searchPlaceholder')}
                  value={search}
                  onChange={setSearch}
                  sx={{ flex: 1 }}
                />
                <Button type="submit" variant="outlined">
                  {t('common.search')}
                </Button>
              </Stack>
            </Box>
            {can('identities.write') && (
              <Box>
                <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setCreating(true)}>
                  {t('contacts.new')}
                </Button>
              </Box>
            )}
          </Stack>
        </Paper>

        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="recent-title">
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography id="recent-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
              {t('dashboard.recent')}
            </Typography>
            <Button component={RouterLink} to="/contacts" size="small">
              {t('dashboard.allContacts')}
            </Button>
          </Stack>
          {summary.data && summary.data.recentIdentities.length === 0 && (
            <Typography color="text.secondary">{t('dashboard.recentEmpty')}</Typography>
          )}
          <List dense disablePadding data-testid="recent-identities">
            {summary.data?.recentIdentities.map((r) => (
              <ListItemButton key={r.id} component={RouterLink} to={`/identities/${r.id}`} sx={{ borderRadius: 1 }}>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <KindIcon kind={r.kind} />
                </ListItemIcon>
                <ListItemText primary={<bdi>{r.displayName}</bdi>} sx={{ my: 0.25 }} />
                <Typography variant="body2" color="text.secondary" sx={{ flexShrink: 0, marginInlineStart: 2 }}>
                  {fmt.dateTime(r.updatedAt)}
                </Typography>
              </ListItemButton>
            ))}
          </List>
        </Paper>
      </Box>

      {creating && (
        <IdentityDialog
          mode={{ action: 'create' }}
          onClose={() => setCreating(false)}
          onSaved={(x) => {
            setCreating(false);
            navigate(`/identities/${x.id}`);
          }}
        />
      )}
      {contributions(features, 'dashboard').map(({ key, Component }) => (
        <Component key={key} />
      ))}
    </Stack>
  );
}
