/**
 * The Electron main process, start to quit. It takes the Electron API as a parameter so
 * tests can run all of it against a stand-in; electron/main.ts passes the real one.
 *
 * The shell owns windows, the tray, the app:// protocol and the guards, starts the backend
 * in a utilityProcess and hands each window a port to it. It holds no data itself.
 */
import path from 'node:path';
import { BackendProcess, type BackoffPolicy, type Timers } from './backend-process';
import { guardWebContents, installPermissionHandlers } from './guards';
import { createShellLog, type ShellLog } from './log';
import { registerAppScheme, serveApp } from './protocol';
import { claimSingleInstance } from './single-instance';
import { createTray } from './tray';
import { createMainWindow, revealWindow } from './window';
import { WindowPorts } from './window-ports';
import type { BrowserWindowLike, ElectronApi, TrayLike } from './shell-types';

export interface ShellOptions {
  /** Folder of the bundled shell (dist/electron): preload.cjs is beside it, the backend in ../main. */
  shellDir: string;
  log?: ShellLog;
  timers?: Timers;
  now?: () => number;
  backoff?: BackoffPolicy;
}

export interface Shell {
  /** Settles when startup is done; rejects (after logging and quitting) if it failed. */
  readonly ready: Promise<void>;
  showWindow(): void;
  readonly window: BrowserWindowLike | null;
  readonly tray: TrayLike | null;
  readonly backend: BackendProcess | null;
}

export function shellPaths(electron: ElectronApi, shellDir: string) {
  const appPath = electron.app.getAppPath();
  // Packaged, the icons are extraResources (outside the asar); in development they are in build/.
  const iconDir = electron.app.isPackaged
    ? path.join(electron.resourcesPath, 'icons')
    : path.join(appPath, 'build', 'icons');
  return {
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(shellDir, 'preload.cjs'),
    backendEntry: path.join(shellDir, '..', 'main', 'utility.cjs'),
    windowIcon: path.join(iconDir, '256x256.png'),
    trayIcon: path.join(iconDir, 'tray.png'),
  };
}

/** Returns null when another instance is already running (this one then quits). */
export function startShell(electron: ElectronApi, options: ShellOptions): Shell | null {
  const { app } = electron;
  let window: BrowserWindowLike | null = null;
  let tray: TrayLike | null = null;
  let backend: BackendProcess | null = null;
  let started = false;
  let quitting = false;
  let backendStopping = false;

  const showWindow = () => {
    if (!started) return;
    if (!window || window.isDestroyed()) window = openWindow();
    revealWindow(window);
  };

  if (!claimSingleInstance(app, showWindow)) return null;

  const log = options.log ?? createShellLog(path.join(app.getPath('userData'), 'logs', 'shell.log'));
  const paths = shellPaths(electron, options.shellDir);

  // Both must happen before 'ready': scheme privileges are fixed then, and the guards must
  // be on every webContents from its creation.
  registerAppScheme(electron.protocol);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => electron.shell.openExternal(url), log),
  );

  // Closing the last window does not quit: calls and reminders keep arriving (see tray.ts).
  app.on('window-all-closed', () => {});
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    quitting = true;
    if (!backend || backendStopping) return;
    // Let the backend close its database first, then quit for real.
    backendStopping = true;
    event.preventDefault();
    void backend.stop().finally(() => app.quit());
  });

  function openWindow(): BrowserWindowLike {
    const win = createMainWindow(electron.BrowserWindow, {
      preload: paths.preload,
      icon: paths.windowIcon,
      devTools: !app.isPackaged,
    });
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win.hide();
    });
    return win;
  }

  const ready = app.whenReady().then(() => {
    serveApp(electron.protocol, paths.rendererDir);
    installPermissionHandlers(electron.session.defaultSession, log);
    const ports = new WindowPorts(
      electron.MessageChannelMain,
      { connect: (windowId, port) => backend?.connect(windowId, port) ?? false },
      log,
    );
    ports.listen(electron.ipcMain);
    backend = new BackendProcess({
      utilityProcess: electron.utilityProcess,
      entry: paths.backendEntry,
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      log,
      onStarted: () => ports.connectAll(),
      onExited: () => ports.disconnectAll(),
      onFatal: (message) => {
        electron.dialog.showErrorBox('دفتر / Daftar', message);
        app.quit();
      },
      safeStorage: electron.safeStorage,
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    backend.start();
    started = true;
    window = openWindow();
    try {
      tray = createTray(electron.Tray, electron.Menu, {
        iconPath: paths.trayIcon,
        onShow: showWindow,
        onQuit: () => app.quit(),
      });
    } catch (err) {
      // Some Linux desktops have no tray; the window still works and a second launch shows it.
      log.warn('tray unavailable', { error: String(err) });
    }
    log.info('shell ready', { version: app.getVersion() });
  });
  const settled = ready.catch((err: unknown) => {
    log.error('startup failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    app.quit();
    throw err;
  });

  return {
    ready: settled,
    showWindow,
    get window() {
      return window;
    },
    get tray() {
      return tray;
    },
    get backend() {
      return backend;
    },
  };
}
