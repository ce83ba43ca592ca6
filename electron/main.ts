/** Electron main-process entry (bundled to dist/electron/main.cjs). All logic is in shell.ts. */
import { realElectron } from './electron-api';
import { startShell } from './shell';

startShell(realElectron(), { shellDir: __dirname })?.ready.catch(() => {
  // Already logged, and the app is quitting.
});
