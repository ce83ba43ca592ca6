/**
 * The renderer's Content-Security-Policy, one text for both hosts (app:// in Electron, the
 * web host over HTTP). Only the app's own scripts run, no eval, no plugins, no framing.
 * style-src allows inline styles because MUI (emotion) injects <style> tags at run time;
 * connect-src 'self' covers the web host's same-origin WebSocket; media-src allows blob:
 * and mediastream: for call audio (WebRTC streams). Pure: the shell imports it too.
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

/**
 * Headers on every answer of both hosts, errors included: the policy above, no MIME
 * sniffing, no referrer leaving the app, no framing, and a browsing-context group of our own.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
