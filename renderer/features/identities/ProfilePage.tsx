/**
 * An identity's profile (#/identities/:id): who it is, how to reach them, and on the
 * History tab everything that happened with them.
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Tabs from '@mui/material/Tabs';
import Tab from '@mui/material/Tab';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Box from '@mui/material/Box';
import EditOutlined from '@mui/icons-material/EditOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import { IDENTITY_TABLES } from './useIdentityList';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFocusOnOpen } from '../../app/useFocusOnOpen';
import { IdentityDialog } from './IdentityDialog';
import { DetailsTab } from './DetailsTab';
import { HistoryTab } from './HistoryTab';
import { DeleteIdentityDialog } from './DeleteIdentityDialog';
import { KindIcon } from './display';

type ProfileTab = 'details' | 'history';

export function ProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAppState();
  const [params, setParams] = useSearchParams();
  const tab: ProfileTab = params.get('tab') === 'history' ? 'history' : 'details';
  const identity = useQuery('identities.get', { id }, { reads: IDENTITY_TABLES });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const x = identity.data;
  const heading = useFocusOnOpen<HTMLHeadingElement>(x?.id);
  if (!x) {
    return identity.error ? (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Alert severity={identity.error.code === 'not-found' ? 'info' : 'error'}>{identity.error.message}</Alert>
        <Button component={RouterLink} to="/contacts" variant="outlined">
          {t('profile.backToContacts')}
        </Button>
      </Stack>
    ) : (
      <LinearProgress aria-label={t('common.loading')} />
    );
  }

  return (
    <Stack spacing={2}>
      {identity.error && <Alert severity="warning">{identity.error.message}</Alert>}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ pt: 0.5 }}>
          <KindIcon kind={x.kind} fontSize="large" />
        </Box>
        <Stack spacing={0.75} sx={{ flex: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography
              variant="h5"
              component="h1"
              ref={heading}
              tabIndex={-1}
              data-testid="profile-name"
              sx={{ overflowWrap: 'anywhere' }}
            >
              <bdi>{x.displayName}</bdi>
            </Typography>
            <Chip label={t(`kinds.${x.kind}`)} size="small" />
          </Stack>
          {(x.jobTitle || x.organisation) && (
            <Typography color="text.secondary" data-testid="profile-subtitle">
              {x.jobTitle && <bdi>{x.jobTitle}</bdi>}
              {x.jobTitle && x.organisation && t('profile.at')}
              {x.organisation && (
                <Link component={RouterLink} to={`/identities/${x.organisation.id}`}>
                  <bdi>{x.organisation.displayName}</bdi>
                </Link>
              )}
            </Typography>
          )}
          {x.tags.length > 0 && (
            <Stack direction="row" spacing={0.75} sx={{ flexWrap: 'wrap' }} aria-label={t('profile.tags')}>
              {x.tags.map((tag) => (
                <Chip key={tag} label={tag} size="small" variant="outlined" />
              ))}
            </Stack>
          )}
        </Stack>
        <Stack direction="row" spacing={1}>
          {can('identities.write') && (
            <Button variant="outlined" startIcon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {can('identities.delete') && (
            <Button variant="outlined" color="error" startIcon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
              {t('common.delete')}
            </Button>
          )}
        </Stack>
      </Stack>

      <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Tabs
          value={tab}
          onChange={(_, v: ProfileTab) => setParams(v === 'details' ? {} : { tab: v }, { replace: true })}
          aria-label={t('profile.tabsLabel')}
        >
          <Tab value="details" label={t('profile.tabs.details')} id="tab-details" aria-controls="panel-details" />
          <Tab value="history" label={t('profile.tabs.history')} id="tab-history" aria-controls="panel-history" />
        </Tabs>
      </Box>

      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'details' ? <DetailsTab identity={x} /> : <HistoryTab identityId={x.id} />}
      </Box>

      {editing && (
        <IdentityDialog
          mode={{ action: 'edit', identity: x }}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            // The answer is the saved record: shown as is, not fetched a second time.
            identity.replace(saved);
          }}
        />
      )}
      {deleting && (
        <DeleteIdentityDialog
          identity={x}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate('/contacts', { replace: true })}
        />
      )}
    </Stack>
  );
}
