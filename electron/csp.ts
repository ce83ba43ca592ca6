/**
 * The Content-Security-Policy of every app:// response. Only the app's own files run;
 * the renderer talks to the backend over a MessagePort, so it needs no network at all.
 * style-src allows inline styles because MUI (emotion) injects <style> tags at runtime;
 * media-src allows blob: and mediastream: for the call audio (WebRTC streams).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers every app:// response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
