/**
 * app:// serves the renderer build, and nothing else. The path check is the one the web
 * host uses too (main/api/static-guard.ts).
 */
import { readStaticFile, resolveStaticPath, type Resolved } from '../main/api/static-guard';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { securityHeaders } from './csp';
import type { ProtocolLike } from './shell-types';

/** Must run before the app is ready: privileges cannot be granted later. */
export function registerAppScheme(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: counts as a secure context (getUserMedia
    // needs one); supportFetchAPI: the renderer may fetch its own assets (sounds, translations).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export type { Resolved };

/** Maps a request URL to a file inside root, or says why it may not be served. */
export function resolveAppPath(root: string, url: string): Resolved {
  if (!isAppUrl(url)) return { refused: 404 };
  return resolveStaticPath(root, new URL(url).pathname);
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

/** The app:// handler for a renderer build in rootDir. */
export function createAppHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    if (!isAppUrl(request.url)) return refusal(404);
    const answer = await readStaticFile(rootDir, new URL(request.url).pathname, request.method === 'HEAD');
    if (answer.status !== 200) return refusal(answer.status);
    const body = answer.body ? new Uint8Array(answer.body) : null;
    return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': answer.type } });
  };
}

export function serveApp(protocol: Pick<ProtocolLike, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(rootDir));
}
