import type { ApiErrorBody } from '../../main/api/rpc';

/**
 * A refused form's messages by field (the first part of each issue's path: `deadline`,
 * `recipients`…; the first message of a field wins), and the summary for what belongs to no
 * field. Every form that places the backend's zod issues beside its fields reads them here.
 */
export function formErrors(error: ApiErrorBody): { fields: Record<string, string>; summary: string | null } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues ?? []) {
    const key = String(issue.path[0] ?? '');
    fields[key] ??= issue.message;
  }
  return { fields, summary: Object.keys(fields).length > 0 ? null : error.message };
}

/**
 * The one sentence a form with a single error line shows: the first field's message when the
 * input was refused (it says which field and why), otherwise the error's own message.
 */
export function errorMessage(error: ApiErrorBody): string {
  return error.issues?.[0]?.message ?? error.message;
}
