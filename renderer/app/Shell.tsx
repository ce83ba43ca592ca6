/**
 * The frame around every page: the app bar (name, signed-in user), the navigation list
 * (on the right in Persian, on the left in English: it follows the page direction), a
 * banner while the backend is unreachable, and the page itself.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { Link as RouterLink, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import AppBar from '@mui/material/AppBar';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Alert from '@mui/material/Alert';
import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import { contributions, navEntries, navEntryOf, useFeatures } from './features';
import { useAppState } from './AppState';
import { useConnectionStatus } from '../api/ApiProvider';

export const NAV_WIDTH = 232;

function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  if (status === 'open' || status === 'connecting') return null;
  return (
    <Alert severity={status === 'no-token' ? 'error' : 'warning'} square role="alert" data-testid="connection-banner">
      {t(status === 'no-token' ? 'connection.noToken' : 'connection.lost')}
    </Alert>
  );
}

/**
 * The navigation list, and what follows a new page: it starts at its top, and the window
 * title names it. The only part of the frame that reads the location: a change of page
 * draws this and the page again, not the toolbar's and the overlays' contributions
 * (a phone panel, the sync indicator, the inbox), which cost a crowded page ~30 ms.
 */
function Navigation({ main }: { main: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const location = useLocation();
  const features = useFeatures();
  const current = navEntryOf(features, location.pathname);
  // The entries and their labels change with the language, not with the page.
  const entries = useMemo(() => navEntries(features).map((a) => ({ ...a, label: t(a.labelKey) })), [features, t]);

  // Whether the page area is scrolled, kept from its scroll events: reading scrollTop, or
  // scrolling, as the new page is being drawn would make the browser lay it out at once,
  // an extra layout of a crowded page (docs/architecture.md, "How a request flows").
  const scrolled = useRef(false);
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    const onScroll = () => {
      scrolled.current = el.scrollTop > 0;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [main]);

  useEffect(() => {
    if (scrolled.current) {
      main.current?.scrollTo({ top: 0 });
      scrolled.current = false;
    }
    document.title = current ? `${t(current.labelKey)} — ${t('app.name')}` : t('app.name');
  }, [location.pathname, current, t, main]);

  return (
    <Box
      component="nav"
      aria-label={t('nav.label')}
      sx={{
        width: NAV_WIDTH,
        flexShrink: 0,
        bgcolor: 'background.paper',
        borderInlineEnd: (theme) => `1px solid ${theme.palette.divider}`,
        overflowY: 'auto',
      }}
    >
      <List>
        {entries.map((a) => {
          const Icon = a.icon;
          const selected = a.path === current?.path;
          return (
            <ListItemButton
              key={a.path}
              component={NavLink}
              to={a.path}
              selected={selected}
              aria-current={selected ? 'page' : undefined}
              sx={{ mx: 1, borderRadius: 1 }}
            >
              <ListItemIcon sx={{ minWidth: 40 }}>
                <Icon />
              </ListItemIcon>
              <ListItemText primary={a.label} />
            </ListItemButton>
          );
        })}
      </List>
    </Box>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { session } = useAppState();
  const features = useFeatures();
  const main = useRef<HTMLElement>(null);

  const user = session?.user;
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}
      data-testid="app-shell"
      data-ready={session ? 'true' : 'false'}
    >
      <AppBar position="static" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 800 }}>
            {t('app.name')}
          </Typography>
          <Typography variant="body2" sx={{ opacity: 0.8 }}>
            {t('app.tagline')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {contributions(features, 'toolbar').map(({ key, Component }) => (
            <Component key={key} />
          ))}
          <Button
            color="inherit"
            component={RouterLink}
            to="/settings"
            startIcon={<AccountCircleOutlined />}
            data-testid="signed-in-user"
            aria-label={user ? t('shell.signedInAs', { name: user.displayName }) : t('shell.notSignedIn')}
          >
            {user ? <bdi>{user.displayName}</bdi> : t('shell.notSignedIn')}
          </Button>
        </Toolbar>
      </AppBar>
      <ConnectionBanner />
      {contributions(features, 'banners').map(({ key, Component }) => (
        <Component key={key} />
      ))}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Navigation main={main} />
        <Box component="main" ref={main} sx={{ flex: 1, overflowY: 'auto', p: 3, minWidth: 0 }}>
          <Outlet />
        </Box>
      </Box>
      {contributions(features, 'overlays').map(({ key, Component }) => (
        <Component key={key} />
      ))}
    </Box>
  );
}
