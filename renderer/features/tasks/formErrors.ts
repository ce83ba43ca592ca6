import type { ApiErrorBody } from '../../../main/api/rpc';

/**
 * A refused form's messages by field (the first part of each issue's path: `deadline`,
 * `recipients`…), and the summary for what belongs to no field.
 */
export function formErrors(error: ApiErrorBody): { fields: Record<string, string>; summary: string | null } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues ?? []) {
    const key = String(issue.path[0] ?? '');
    fields[key] ??= issue.message;
  }
  return { fields, summary: Object.keys(fields).length > 0 ? null : error.message };
}
