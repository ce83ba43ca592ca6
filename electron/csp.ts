import { CONTENT_SECURITY_POLICY } from '../main/api/csp';

export { CONTENT_SECURITY_POLICY };

/** Headers every app:// response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
