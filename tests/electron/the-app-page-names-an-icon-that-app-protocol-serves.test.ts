/**
 * In the desktop app the page is served from app://daftar/. Chromium asks for the icon the
 * page names, or for /favicon.ico when it names none, which app:// does not have (a 404
 * in the log at every start). The built page names its icon, and app:// serves it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppHandler } from '../../electron/protocol';

const REPO = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(REPO, 'dist', 'renderer');

beforeAll(() => {
  // npm test builds first; run alone, this test builds dist/ itself when it is stale.
  const build = spawnSync(process.execPath, ['build/build-app.mjs', '--if-needed'], { cwd: REPO, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 170_000);

describe('the app page', () => {
  it('names a PNG icon that app:// serves', async () => {
    const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
    const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
    expect(href, 'index.html names no icon').toBeTruthy();

    const handler = createAppHandler(RENDERER);
    const icon = await handler(new Request(new URL(href!, 'app://daftar/index.html').href));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await icon.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });
});
