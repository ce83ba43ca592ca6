/**
 * app:// serves the renderer build, and nothing else. Every request path is decoded and
 * checked before it touches the file system: Chromium normalises "../" in URLs, but
 * encoded forms (%2e%2e%2f), backslashes, drive letters and NUL bytes arrive as they are.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { securityHeaders } from './csp';
import type { ProtocolLike } from './shell-types';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready: privileges cannot be granted later. */
export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: counts as a secure context (getUserMedia
    // needs one); supportFetchAPI: the renderer may fetch its own assets (sounds, translations).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export type Resolved = { file: string } | { refused: 403 | 404 };

/** Maps a request URL to a file inside root, or says why it may not be served. */
export function resolveAppPath(root: string, url: string): Resolved {
  if (!isAppUrl(url)) return { refused: 404 };
  const raw = new URL(url).pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { refused: 403 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { refused: 403 };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\//, '');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) {
    return { refused: 403 };
  }
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) return { refused: 403 };
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return { refused: 403 };
  return { file };
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

/** The app:// handler for a renderer build in rootDir. */
export function createAppHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const resolved = resolveAppPath(rootDir, request.url);
    if ('refused' in resolved) return refusal(resolved.refused);
    try {
      if (!(await stat(resolved.file)).isFile()) return refusal(404);
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(resolved.file));
      const type = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': type } });
    } catch {
      return refusal(404);
    }
  };
}

export function serveApp(protocol: Pick<ProtocolLike, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(rootDir));
}
