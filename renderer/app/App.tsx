/**
 * Providers in the order they depend on each other: the backend connection, then the
 * session and settings (which decide the language), then direction, theme and routes.
 * Hash routing: the app is loaded from app://daftar/index.html and from the web host, and
 * neither serves deep paths.
 */
import { useMemo } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import { ApiProvider } from '../api/ApiProvider';
import type { Connection } from '../api/connect';
import { AppStateProvider, useLanguage } from './AppState';
import { DirectionProvider } from './DirectionProvider';
import { createAppTheme } from './theme';
import { Shell } from './Shell';
import { PLANNED_AREAS } from './navigation';
import { directionOf } from '../format/language';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ContactsPage } from '../features/identities/ContactsPage';
import { ProfilePage } from '../features/identities/ProfilePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { PlannedAreaPage } from '../features/placeholders/PlannedAreaPage';
import { NotFoundPage } from '../features/placeholders/NotFoundPage';

function ThemedApp() {
  const language = useLanguage();
  const theme = useMemo(() => createAppTheme(language), [language]);
  return (
    <DirectionProvider direction={directionOf(language)}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <HashRouter>
          <Routes>
            <Route element={<Shell />}>
              <Route index element={<DashboardPage />} />
              <Route path="contacts" element={<ContactsPage />} />
              <Route path="identities/:id" element={<ProfilePage />} />
              <Route path="settings" element={<SettingsPage />} />
              {PLANNED_AREAS.map((area) => (
                <Route key={area} path={area} element={<PlannedAreaPage area={area} />} />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </HashRouter>
      </ThemeProvider>
    </DirectionProvider>
  );
}

export function App({ connection }: { connection: Connection }) {
  return (
    <ApiProvider connection={connection}>
      <AppStateProvider>
        <ThemedApp />
      </AppStateProvider>
    </ApiProvider>
  );
}
