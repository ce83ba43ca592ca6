/**
 * Contacts (هویت‌ها): search as you type (names in either Arabic or Persian letters,
 * numbers in any format or digits), filter by kind, page on with "load more", open a
 * profile, or add a new identity.
 */
import { memo, useCallback, useEffect, useState } from 'react';
import type { SxProps, Theme } from '@mui/material/styles';
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
import Box from '@mui/material/Box';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import type { IdentityKind, IdentitySummary } from '../../../main/contract';
import { useDebounced } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { SearchField } from '../../app/SearchField';
import { useIdentityList } from './useIdentityList';
import { SEARCH_DEBOUNCE_MS } from './searchDebounce';
import { IdentityDialog } from './IdentityDialog';
import { KindGlyph, PhoneText } from './display';

type KindFilter = 'all' | IdentityKind;

/**
 * The rows are plain table elements styled once here, not MUI components with styles of
 * their own: fifty rows of TableCell/Chip/Link made the first page spend most of its time
 * computing the same styles again for each cell (see the bench's contacts_first_page).
 * They look as MUI's small table would.
 */
const ROWS_SX: SxProps<Theme> = (theme) => ({
  '& .contact-row': { cursor: 'pointer' },
  '& .contact-row:hover': { bgcolor: 'action.hover' },
  '& .contact-row > td': {
    ...theme.typography.body2,
    padding: '6px 16px',
    borderBottom: `1px solid ${theme.palette.divider}`,
    textAlign: 'start',
    verticalAlign: 'middle',
  },
  // Names keep room on narrow windows; the organisation column is the one that wraps.
  '& .contact-name': { display: 'flex', alignItems: 'center', gap: 1, minWidth: '9em' },
  // As MUI's small action-coloured icon.
  '& .kind-glyph': { width: 20, height: 20, flexShrink: 0, fill: theme.palette.action.active },
  '& .contact-name a': {
    color: 'primary.main',
    fontWeight: 600,
    textDecoration: 'none',
    '&:hover': { textDecoration: 'underline' },
  },
  // Long addresses give way on narrow windows (the whole address is in the tooltip and the profile).
  '& .contact-email': {
    display: 'inline-block',
    maxWidth: { xs: '12em', lg: '20em' },
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    verticalAlign: 'top',
  },
  '& .contact-tags': { display: 'flex', flexWrap: 'wrap', gap: 0.5 },
  '& .contact-tag': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    px: 1,
    borderRadius: 3,
    border: `1px solid ${theme.palette.grey[400]}`,
    fontSize: '0.8125rem',
    whiteSpace: 'nowrap',
  },
});

const ContactRow = memo(function ContactRow({ item: i, kindLabel, onOpen }: { item: IdentitySummary; kindLabel: string; onOpen(id: string): void }) {
  return (
    <tr className="contact-row" onClick={() => onOpen(i.id)} data-testid="contact-row" data-kind={i.kind}>
      <td>
        <div className="contact-name">
          <KindGlyph kind={i.kind} label={kindLabel} />
          <RouterLink to={`/identities/${i.id}`} onClick={(e) => e.stopPropagation()}>
            <bdi>{i.displayName}</bdi>
          </RouterLink>
        </div>
      </td>
      <td>
        <bdi>{[i.jobTitle, i.organisationName].filter(Boolean).join(' — ')}</bdi>
      </td>
      <td>{i.phone && <PhoneText display={i.phone} />}</td>
      <td>
        {i.email && (
          <bdi dir="ltr" className="contact-email" title={i.email}>
            {i.email}
          </bdi>
        )}
      </td>
      <td>
        <div className="contact-tags">
          {i.tags.slice(0, 3).map((tag) => (
            <span key={tag} className="contact-tag">
              <bdi>{tag}</bdi>
            </span>
          ))}
        </div>
      </td>
    </tr>
  );
});
const asKindFilter = (s: string | null): KindFilter => (s === 'person' || s === 'organisation' ? s : 'all');

export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAppState();
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(() => params.get('q') ?? '');
  const kind = asKindFilter(params.get('kind'));
  const query = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const [creating, setCreating] = useState(false);
  // Another feature can ask for the new-identity form with a number filled in
  // (#/contacts?new=person&phone=…, the phone's "new identity" for an unknown caller).
  const asked = params.get('new');
  const askedKind = asked === 'person' || asked === 'organisation' ? asked : null;
  const askedPhone = params.get('phone') ?? undefined;
  const closeCreate = () => {
    setCreating(false);
    if (asked !== null)
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete('new');
          next.delete('phone');
          return next;
        },
        { replace: true },
      );
  };
  const list = useIdentityList(query, kind === 'all' ? undefined : kind);

  // The search lives in the address too, so "back" from a profile returns to the same list.
  // Rewriting the address re-renders the page and the frame around it, so it is done only
  // when the search changed, and once its results are on screen, not while they are awaited.
  const inAddress = params.get('q') ?? '';
  const settled = !list.loading;
  useEffect(() => {
    if (!settled || query.trim() === inAddress) return;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (query.trim()) next.set('q', query.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [query, inAddress, settled, setParams]);

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
  const open = useCallback((id: string) => navigate(`/identities/${id}`), [navigate]);

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
          <Table size="small" aria-label={t('contacts.title')} data-testid="contacts-table" sx={ROWS_SX}>
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
                <ContactRow key={i.id} item={i} kindLabel={t(`kinds.${i.kind}`)} onOpen={open} />
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

      {(creating || askedKind) && (
        <IdentityDialog
          key={askedPhone ?? 'new'}
          mode={{
            action: 'create',
            ...(askedKind ? { kind: askedKind } : kind !== 'all' ? { kind } : {}),
            ...(askedPhone ? { phone: askedPhone } : {}),
          }}
          onClose={closeCreate}
          onSaved={(x) => {
            closeCreate();
            navigate(`/identities/${x.id}`);
          }}
        />
      )}
    </Stack>
  );
}
