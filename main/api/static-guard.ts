/**
 * The one guard between a URL path and the renderer build on disk, for both hosts: app://
 * in the Electron shell and HTTP under the web host. Every path is decoded and checked
 * before it touches the file system: browsers normalise "../" in URLs, but encoded forms
 * (%2e%2e%2f), backslashes, drive letters and NUL bytes arrive as they are.
 *
 * Node built-ins only, no capability: electron/ may import main/api (docs/architecture.md).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

export type Resolved = { file: string } | { refused: 403 | 404 };

/** Maps a URL path ("/assets/app.js", still percent-encoded) to a file inside root, or says why not. */
export function resolveStaticPath(root: string, urlPath: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { refused: 403 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { refused: 403 };
  // One leading slash belongs to the URL; a second one would make an absolute path, refused below.
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\//, '');
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

export type StaticAnswer = { status: 200; file: string; type: string; body: Buffer | null } | { status: 403 | 404 };

/** Reads what `urlPath` names under root (body null for HEAD); a folder or a missing file is 404. */
export async function readStaticFile(root: string, urlPath: string, head = false): Promise<StaticAnswer> {
  const resolved = resolveStaticPath(root, urlPath);
  if ('refused' in resolved) return { status: resolved.refused };
  try {
    if (!(await stat(resolved.file)).isFile()) return { status: 404 };
    const type = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, file: resolved.file, type, body: head ? null : await readFile(resolved.file) };
  } catch {
    return { status: 404 };
  }
}
