/**
 * What every screen needs: the signed-in user, the settings, and the interface language
 * (which comes from settings and decides text, direction and digits).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import i18next from 'i18next';
import type { Permission, Session, Settings } from '../../main/contract';
import type { ApiErrorBody } from '../../main/api/rpc';
import { useApi } from '../api/ApiProvider';
import { useQuery } from '../api/hooks';
import { directionOf, type Language } from '../format/language';
import { rememberLanguage, rememberedLanguage } from '../i18n';

interface AppStateValue {
  language: Language;
  session: Session | undefined;
  settings: Settings | undefined;
  can(permission: Permission): boolean;
  /** Saves the language setting; resolves to the error, or null when it was saved. */
  setLanguage(language: Language): Promise<ApiErrorBody | null>;
  /** Reads the settings again (after a section saved one). */
  refreshSettings(): void;
}

const AppStateContext = createContext<AppStateValue | null>(null);
const initialLanguage = rememberedLanguage();

export function AppStateProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const settings = useQuery('settings.get', {});
  const session = useQuery('session.get', {});
  const language: Language = settings.data?.language ?? initialLanguage;

  useEffect(() => {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    rememberLanguage(language);
  }, [language]);

  const refetchSettings = settings.refetch;
  const setLanguage = useCallback(
    async (next: Language) => {
      const r = await api.call('settings.update', { language: next });
      refetchSettings();
      return r.ok ? null : r.error;
    },
    [api, refetchSettings],
  );

  // The session changes in any window (sign in, lock, switch user): read it again.
  const refetchSession = session.refetch;
  useEffect(() => api.on('session.changed', () => refetchSession()), [api, refetchSession]);

  const permissions = session.data?.permissions;
  const value = useMemo<AppStateValue>(
    () => ({
      language,
      session: session.data,
      settings: settings.data,
      can: (p) => permissions?.includes(p) ?? false,
      setLanguage,
      refreshSettings: refetchSettings,
    }),
    [language, session.data, settings.data, permissions, setLanguage, refetchSettings],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppStateValue {
  const ctx = useContext(AppStateContext);
  if (!ctx) throw new Error('useAppState outside AppStateProvider');
  return ctx;
}

export function useLanguage(): Language {
  return useAppState().language;
}
