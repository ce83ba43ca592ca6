import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer (React UI). Built into dist/renderer and served from app://daftar/ in the
 * desktop app and over http://127.0.0.1:PORT/ by the web host: relative asset URLs ('./')
 * work under both. Both serve the page with the policy of main/host/csp.ts (script-src
 * 'self', no inline scripts), so the build must emit none: no module-preload polyfill,
 * fonts bundled as files, never fetched from the network.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // Chromium in Electron and Debian is recent; no legacy output needed.
    target: 'es2022',
    // Keep the font a file rather than a data: URL inside the CSS.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
    // The polyfill would be an inline script; every target supports modulepreload.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
