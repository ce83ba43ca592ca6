/**
 * Preload entry (bundled to dist/electron/preload.cjs). It runs sandboxed, where require()
 * knows only 'electron' and a few polyfills: everything else is bundled in from bridge.ts.
 * Besides electron-api.ts, this is the only file that imports 'electron' (the renderer's side).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { installBridge } from './bridge';

installBridge({ contextBridge, ipcRenderer });
