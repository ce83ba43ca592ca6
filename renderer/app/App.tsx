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
import { directionOf } from '../format/language';
import { FEATURES } from '../features';
import { FeaturesProvider } from './features';
import { NotFoundPage } from './NotFoundPage';

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
              {FEATURES.flatMap((f) => f.routes ?? []).map(({ path, Page }) =>
                path === '' ? <Route key="index" index element={<Page />} /> : <Route key={path} path={path} element={<Page />} />,
              )}
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
    <FeaturesProvider features={FEATURES}>
      <ApiProvider connection={connection}>
        <AppStateProvider>
          <ThemedApp />
        </AppStateProvider>
      </ApiProvider>
    </FeaturesProvider>
  );
}
