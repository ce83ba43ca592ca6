/**
 * Contacts (هویت‌ها): search as you type (names in either Arabic or Persian letters,
 * numbers in any format or digits), filter by kind, page on with "load more", open a
 * profile, or add a new identity.
 */
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableHead from '@mui/material/TableHead';
import TableBody from '@mui/material/TableBody';
import TableRow from '@mui/material/TableRow';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import LinearProgress from '@mui/material/LinearProgress';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Box from '@mui/material/Box';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import type { IdentityKind } from '../../../main/contract';
import { useDebounced } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { Ltr } from '../../app/Ltr';
import { SearchField } from '../../app/SearchField';
import { useIdentityList } from './useIdentityList';
import { IdentityDialog } from './IdentityDialog';
import { KindIcon, PhoneText } from './display';

type KindFilter = 'all' | IdentityKind;
const asKindFilter = (s: string | null): KindFilter => (s === 'person' || s === 'organisation' ? s : 'all');

export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAppState();
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(() => params.get('q') ?? '');
  const kind = asKindFilter(params.get('kind'));
  const query = useDebounced(typed, 300);
  const [creating, setCreating] = useState(false);
  const list = useIdentityList(query, kind === 'all' ? undefined : kind);

  // The search lives in the address too, so "back" from a profile returns to the same list.
  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (query.trim()) next.set('q', query.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [query, setParams]);

  const setKind = (k: KindFilter) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (k === 'all') next.delete('kind');
        else next.set('kind', k);
        return next;
      },
      { replace: true },
    );

  const searching = typed !== query || list.loading;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('contacts.title')}
        </Typography>
        {can('identities.write') && (
          <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setCreating(true)}>
            {t('contacts.new')}
          </Button>
        )}
      </Stack>

      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <SearchField
          label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={typed}
          onChange={setTyped}
          autoFocus
          sx={{ flex: 1, maxWidth: 520 }}
          inputTestId="contacts-search"
        />
        <ToggleButtonGroup
          exclusive
          size="small"
          value={kind}
          onChange={(_, v: KindFilter | null) => v && setKind(v)}
          aria-label={t('contacts.kindFilter')}
        >
          <ToggleButton value="all">{t('contacts.all')}</ToggleButton>
          <ToggleButton value="person">{t('kinds.personPlural')}</ToggleButton>
          <ToggleButton value="organisation">{t('kinds.organisationPlural')}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>

      {list.error && <Alert severity="error">{list.error.message}</Alert>}

      <Paper variant="outlined">
        <Box sx={{ height: 4 }}>{searching && <LinearProgress aria-label={t('common.loading')} />}</Box>
        <TableContainer>
          <Table size="small" aria-label={t('contacts.title')} data-testid="contacts-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('contacts.columns.name')}</TableCell>
                <TableCell>{t('contacts.columns.organisation')}</TableCell>
                <TableCell>{t('contacts.columns.phone')}</TableCell>
                <TableCell>{t('contacts.columns.email')}</TableCell>
                <TableCell>{t('contacts.columns.tags')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.items.map((i) => (
                <TableRow
                  key={i.id}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/identities/${i.id}`)}
                  data-testid="contact-row"
                  data-kind={i.kind}
                >
                  <TableCell>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <KindIcon kind={i.kind} />
                      <Link
                        component={RouterLink}
                        to={`/identities/${i.id}`}
                        underline="hover"
                        onClick={(e) => e.stopPropagation()}
                        sx={{ fontWeight: 600 }}
                      >
                        <bdi>{i.displayName}</bdi>
                      </Link>
                    </Stack>
                  </TableCell>
                  <TableCell>
                    <bdi>{[i.jobTitle, i.organisationName].filter(Boolean).join(' — ')}</bdi>
                  </TableCell>
                  <TableCell>{i.phone && <PhoneText display={i.phone} />}</TableCell>
                  <TableCell>{i.email && <Ltr>{i.email}</Ltr>}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                      {i.tags.slice(0, 3).map((tag) => (
                        <Chip key={tag} label={tag} size="small" variant="outlined" />
                      ))}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
              {!list.loading && list.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>
                    <Typography color="text.secondary" sx={{ py: 2, textAlign: 'center' }} data-testid="contacts-empty">
                      {query.trim() ? t('contacts.noResults') : t('contacts.empty')}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>

      {list.hasMore && (
        <Box sx={{ textAlign: 'center' }}>
          <Button variant="outlined" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? t('common.loading') : t('common.loadMore')}
          </Button>
        </Box>
      )}

      {creating && (
        <IdentityDialog
          mode={{ action: 'create', ...(kind !== 'all' ? { kind } : {}) }}
          onClose={() => setCreating(false)}
          onSaved={(x) => {
            setCreating(false);
            navigate(`/identities/${x.id}`);
          }}
        />
      )}
    </Stack>
  );
}
