/**
 * The one place windows are made, so the security settings live in one place too.
 * The page runs sandboxed without Node; its only way out is the preload's window.daftar.
 */
import { APP_URL } from './app-origin';
import type { BrowserWindowConstructor, BrowserWindowLike, WebPreferencesUsed } from './shell-types';

export interface MainWindowOptions {
  preload: string;
  icon?: string;
  /** DevTools are for development builds; a packaged app does not open them. */
  devTools: boolean;
}

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferencesUsed {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function createMainWindow(BrowserWindow: BrowserWindowConstructor, opts: MainWindowOptions): BrowserWindowLike {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown once the first paint is ready, so the user never sees a white flash.
    show: false,
    title: 'دفتر',
    ...(opts.icon ? { icon: opts.icon } : {}),
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preload, opts.devTools),
  });
  // The default menu is English and offers DevTools; the app has its own UI for everything.
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

/** Brings a window to the front, also when it was minimised or hidden to the tray. */
export function revealWindow(win: BrowserWindowLike): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
