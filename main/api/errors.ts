import type { ErrorCode, FieldIssue } from './rpc';

/**
 * A domain error a handler throws; the router turns it into {ok: false, error}.
 * `message` is shown to the user as is, so it is a plain Persian sentence.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError('not-found', `${what} پیدا نشد.`);
export const forbidden = () => new ApiError('forbidden', 'شما اجازهٔ انجام این کار را ندارید.');
export const conflict = (message: string) => new ApiError('conflict', message);
export const invalid = (message: string, issues?: FieldIssue[]) => new ApiError('invalid-input', message, issues);
