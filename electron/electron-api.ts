/**
 * The one module that imports 'electron' in the main process. Everything else in the
 * shell receives these pieces as a parameter, so it can be tested under plain Node with
 * a stand-in (the Electron binary is not available there).
 */
import {
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  utilityProcess,
  MessageChannelMain,
  Menu,
  Tray,
  shell,
  dialog,
  safeStorage,
} from 'electron';
import type { ElectronApi } from './shell-types';

export function realElectron(): ElectronApi {
  const api = {
    app,
    BrowserWindow,
    protocol,
    // A getter: defaultSession exists only once the app is ready.
    session: {
      get defaultSession() {
        return session.defaultSession;
      },
    },
    ipcMain,
    utilityProcess,
    MessageChannelMain,
    Menu,
    Tray,
    shell,
    dialog,
    safeStorage,
    resourcesPath: process.resourcesPath,
  } satisfies ElectronApi;
  return api;
}
