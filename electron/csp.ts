import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../main/api/csp';

export { CONTENT_SECURITY_POLICY };

/** Headers every app:// response carries, errors included: the same as the web host's. */
export function securityHeaders(): Record<string, string> {
  return { ...SECURITY_HEADERS };
}
