import type { MessageKey } from './messages';
import type { ErrorCode } from './rpc';

export interface KeyedIssue {
  path: (string | number)[];
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * A domain error a handler throws; the router turns it into {ok: false, error}, with the
 * message rendered in the desk's language from the catalogue (messages.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly issues?: KeyedIssue[],
    /** Data the caller needs to act on the error (a conflict's clashes and proposed slots). */
    readonly details?: unknown,
  ) {
    super(key);
    this.name = 'ApiError';
  }
}

export const notFound = (key: MessageKey) => new ApiError('not-found', key);
export const forbidden = () => new ApiError('forbidden', 'request.forbidden');
export const conflict = (key: MessageKey, params?: Record<string, string | number>) => new ApiError('conflict', key, params);
/** Invalid input found beyond the schema: a summary and the field(s) it concerns. */
export const invalid = (key: MessageKey, issues: KeyedIssue[], params?: Record<string, string | number>) =>
  new ApiError('invalid-input', key, params, issues);
