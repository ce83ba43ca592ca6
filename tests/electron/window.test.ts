import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../electron/app-origin';
import { startShell } from '../../electron/shell';
import { createMainWindow } from '../../electron/window';
import { makeStandIn, memoryLog } from './stand-in';

describe('window factory', () => {
  it('creates windows sandboxed, isolated and without Node', () => {
    const s = makeStandIn();
    s.app.makeReady();
    const win = createMainWindow(s.electron.BrowserWindow, { preload: '/app/dist/electron/preload.cjs', devTools: false });
    const prefs = s.app.windows[0]!.options.webPreferences;

    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
    expect(win.webContents).toBe(s.app.windows[0]!.webContents);
  });

  it('loads the app from app://daftar and shows the window once it has painted', () => {
    const s = makeStandIn();
    createMainWindow(s.electron.BrowserWindow, { preload: '/p.cjs', devTools: true });
    const win = s.app.windows[0]!;

    expect(win.loadedUrl).toBe(APP_URL);
    expect(APP_URL).toBe('app://daftar/index.html');
    expect(win.options.show).toBe(false);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.menuRemoved).toBe(true);
  });

  it('the shell gives its window the bundled preload next to main.cjs, and DevTools only unpackaged', async () => {
    const s = makeStandIn();
    s.app.isPackaged = true;
    const shell = startShell(s.electron, { shellDir: '/opt/Daftar/resources/app.asar/dist/electron', log: memoryLog() });
    s.app.makeReady();
    await shell!.ready;
    const prefs = s.app.windows[0]!.options.webPreferences;

    expect(prefs.preload).toBe(path.join('/opt/Daftar/resources/app.asar/dist/electron', 'preload.cjs'));
    expect(prefs.devTools).toBe(false);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(s.app.windows[0]!.options.icon).toBe(path.join('/opt/Daftar/resources/icons', '256x256.png'));
  });

  it('closing the window hides it (the app stays in the tray); quitting really closes it', async () => {
    const s = makeStandIn();
    const shell = startShell(s.electron, { shellDir: '/x', log: memoryLog() });
    s.app.makeReady();
    await shell!.ready;
    const win = s.app.windows[0]!;
    win.emit('ready-to-show');

    expect(win.close()).toBe(false);
    expect(win.visible).toBe(false);
    expect(win.destroyed).toBe(false);
  });
});
