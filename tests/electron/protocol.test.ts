import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { createAppHandler, registerAppScheme } from '../../electron/protocol';
import { startShell } from '../../electron/shell';
import { makeStandIn, memoryLog, tempFolder } from './stand-in';

/** A temporary app folder: dist/renderer with a page, and a secret next to it. */
function makeAppDir() {
  const appPath = tempFolder('protocol');
  const renderer = path.join(appPath, 'dist', 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>دفتر</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(renderer, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(appPath, 'dist', 'secret.txt'), 'not for the page');
  writeFileSync(path.join(appPath, 'package.json'), '{"secret": true}');
  return { appPath, renderer };
}

const get = (handler: (r: Request) => Promise<Response>, url: string, method = 'GET') =>
  handler(new Request(url, { method }));

describe('app:// protocol', () => {
  let appPath: string;
  let handler: (r: Request) => Promise<Response>;

  beforeAll(async () => {
    appPath = makeAppDir().appPath;
    // Through the shell, as the app registers it.
    const s = makeStandIn({ appPath });
    const shell = startShell(s.electron, { shellDir: path.join(appPath, 'dist', 'electron'), log: memoryLog() });
    expect(s.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true }, beforeReady: true },
    ]);
    s.app.makeReady();
    await shell!.ready;
    handler = s.protocolHandlers.get('app')!;
    expect(handler).toBeTypeOf('function');
  });

  it('serves the renderer build with content types', async () => {
    const page = await get(handler, 'app://daftar/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('دفتر');

    const root = await get(handler, 'app://daftar/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<title>');

    const script = await get(handler, 'app://daftar/assets/app.js?v=1#x');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');

    const font = await get(handler, 'app://daftar/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('puts a strict Content-Security-Policy on every response, errors included', async () => {
    for (const url of ['app://daftar/index.html', 'app://daftar/assets/app.js', 'app://daftar/missing.js', 'app://daftar/%2e%2e%2fsecret.txt']) {
      const res = await get(handler, url);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'media-src': "'self' blob: mediastream:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    // Nothing that would let injected code run.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*|https?:/);
  });

  it.each([
    ['dot segments (normalised by the URL parser, then simply not found)', 'app://daftar/../../etc/passwd', 404],
    ['dot segments reaching a real file beside the renderer', 'app://daftar/../secret.txt', 404],
    ['encoded ../', 'app://daftar/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 403],
    ['encoded ../ to a real file', 'app://daftar/%2e%2e%2fsecret.txt', 403],
    ['encoded ../ to package.json', 'app://daftar/%2E%2E%2F%2E%2E%2Fpackage.json', 403],
    ['mixed ..%2f', 'app://daftar/assets/..%2f..%2fsecret.txt', 403],
    ['backslashes', 'app://daftar/..%5c..%5csecret.txt', 403],
    ['an absolute path', 'app://daftar//etc/passwd', 403],
    ['an encoded absolute path', 'app://daftar/%2fetc%2fpasswd', 403],
    ['a drive letter', 'app://daftar/C:/Windows/win.ini', 403],
    ['a NUL byte', 'app://daftar/index.html%00.png', 403],
    ['broken percent-encoding', 'app://daftar/%E0%A4%A', 403],
    ['another host', 'app://evil/index.html', 404],
    ['a missing file', 'app://daftar/nope.html', 404],
    ['a directory', 'app://daftar/assets', 404],
  ])('refuses %s', async (_what, url, status) => {
    const res = await get(handler, url);
    expect(res.status).toBe(status);
    expect(await res.text()).toBe('');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(handler, 'app://daftar/index.html', 'POST')).status).toBe(405);
    const head = await get(handler, 'app://daftar/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves from the folder it was given, not from the app folder', async () => {
    const { renderer } = makeAppDir();
    const direct = createAppHandler(renderer);
    expect((await get(direct, 'app://daftar/index.html')).status).toBe(200);
    expect((await get(direct, 'app://daftar/package.json')).status).toBe(404);
  });

  it('registers app: as a privileged standard, secure scheme', () => {
    const schemes: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => schemes.push(...s) });
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});
