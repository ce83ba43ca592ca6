#!/usr/bin/env node
// Draws the app icon (a teal rounded square with a white "د", the first letter of دفتر)
// in headless Chromium and writes the PNGs electron-builder and the tray use:
//   build/icons/<n>x<n>.png  for n in 16…512 (Linux icon set; 256 also the window icon)
//   build/icons/tray.png     32x32, a full-bleed variant that stays legible at tray size
// The PNGs are committed; run this again only when the design changes:
//   node build/make-icons.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'icons');
const font = pathToFileURL(join(root, 'node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2')).href;

// inset: transparent margin around the square (desktop icon themes expect some air);
// radius and letter size are fractions of the canvas so every size looks the same.
function page(size, { inset, radius, letter }) {
  return `<!doctype html><html><head><style>
    @font-face { font-family: V; src: url("${font}") format("woff2"); font-weight: 100 900; }
    html, body { margin: 0; background: transparent; }
    .tile {
      position: absolute; inset: ${size * inset}px;
      border-radius: ${size * radius}px;
      background: linear-gradient(160deg, #14a3a0 0%, #0b7f7c 100%);
      display: flex; align-items: center; justify-content: center;
    }
    .letter {
      font-family: V; font-weight: 800; color: #fff; font-size: ${size * letter}px;
      line-height: 1; transform: translateY(-${size * 0.11}px);
    }
  </style></head><body><div class="tile"><span class="letter" dir="rtl">د</span></div></body></html>`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  mkdirSync(out, { recursive: true });
  const shots = [16, 24, 32, 48, 64, 128, 256, 512].map((n) => [`${n}x${n}.png`, n, { inset: 0.06, radius: 0.2, letter: 0.95 }]);
  shots.push(['tray.png', 32, { inset: 0, radius: 0.22, letter: 1.15 }]);
  for (const [name, size, look] of shots) {
    const p = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await p.setContent(page(size, look));
    // Runs in the page, where document exists.
    await p.evaluate('document.fonts.ready');
    await p.screenshot({ path: join(out, name), omitBackground: true });
    await p.close();
  }
  console.log(`icons written to ${out}`);
} finally {
  await browser.close();
}
