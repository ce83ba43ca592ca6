import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStaticFile, resolveStaticPath } from '../../main/api/static-guard';
import { createAppHandler } from '../../electron/protocol';
import { tempDir } from '../api/backend-fixture';

const root = tempDir('guard');
mkdirSync(join(root, 'r', 'assets'), { recursive: true });
writeFileSync(join(root, 'r', 'index.html'), '<title>x</title>');
writeFileSync(join(root, 'r', 'assets', 'a.js'), 'js');
writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ESCAPES = [
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/..%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/.%2e/secret.txt',
  '/a%5c..%5c..%5csecret.txt',
  '//etc/passwd',
  '/%2fetc%2fpasswd',
  '/C:%5cWindows%5cwin.ini',
  '/%00',
  '/index.html%00.js',
  '/%E0%A4%A',
  '/./index.html',
];

describe('the static-file guard (main/api/static-guard.ts)', () => {
  it('maps paths inside the build to files inside it', () => {
    const r = join(root, 'r');
    expect(resolveStaticPath(r, '/')).toEqual({ file: join(r, 'index.html') });
    expect(resolveStaticPath(r, '/assets/a.js')).toEqual({ file: join(r, 'assets', 'a.js') });
    expect(resolveStaticPath(r, '/assets/%D9%81.js')).toEqual({ file: join(r, 'assets', 'ف.js') });
  });

  it.each(ESCAPES)('refuses %s before touching the disk', (p) => {
    expect(resolveStaticPath(join(root, 'r'), p)).toEqual({ refused: 403 });
  });

  it('reads files with their type, folders and missing files are 404', async () => {
    const r = join(root, 'r');
    expect(await readStaticFile(r, '/assets/a.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: Buffer.from('js') });
    expect(await readStaticFile(r, '/assets/a.js', true)).toMatchObject({ status: 200, body: null });
    expect(await readStaticFile(r, '/assets')).toEqual({ status: 404 });
    expect(await readStaticFile(r, '/nope.css')).toEqual({ status: 404 });
    expect(await readStaticFile(r, '/../secret.txt')).toEqual({ status: 403 });
  });

  it('the shell’s app:// handler refuses every one of them too (it uses this guard)', async () => {
    const handler = createAppHandler(join(root, 'r'));
    // (URL parsing already removes "/./", which names a file inside anyway.)
    for (const p of ESCAPES.filter((e) => e !== '/./index.html')) {
      const res = await handler(new Request(`app://daftar${p}`));
      expect(res.status, p).toBeGreaterThanOrEqual(403);
      expect(await res.text(), p).not.toContain('TOP-SECRET');
    }
  });
});
