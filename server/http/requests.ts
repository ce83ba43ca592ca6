import { z } from 'zod';
import { MAX_PULL_LIMIT, MAX_PUSH_CHANGES, type Value } from '../../db/sync/protocol';

// Shapes only: names are checked against the desk's schema map, values against its columns.
const Id = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);
const Name = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
const Hlc = z.string().regex(/^\d{15}:[0-9a-z]{6}:[0-9a-z-]{1,64}$/i);
const isValue = (v: unknown) => v === null || (typeof v === 'string' ? v.length <= 100_000 : typeof v === 'number' && Number.isFinite(v));

/**
 * A change's fields: up to 200, names up to 64 characters, each value text (up to 100,000
 * characters), a finite number or null. One plain check rather than a zod record of unions:
 * a push of 1,000 changes carries about 7,000 values, and the record cost the server more
 * CPU than the rest of the request's checks together (issue 10: 15–35 ms a push, against 2).
 */
const Fields = z.custom<Record<string, Value>>(
  (f) => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return false;
    let count = 0;
    for (const [name, value] of Object.entries(f)) {
      if (++count > 200 || name.length > 64 || !isValue(value)) return false;
    }
    return true;
  },
  { message: 'fields: at most 200, names up to 64 characters, values text, finite numbers or null' },
);

export const PushChangeSchema = z
  .object({
    changeId: z.string().min(1).max(80),
    txId: Id,
    table: Name,
    rowId: Id,
    op: z.enum(['insert', 'update', 'delete']),
    fields: Fields,
    hlc: Hlc,
    at: z.number().int().nonnegative(),
    root: z.object({ table: Name, id: Id }).strict(),
  })
  .strict();

export const PushRequestSchema = z
  .object({
    clientId: Id,
    changes: z.array(PushChangeSchema).max(MAX_PUSH_CHANGES),
  })
  .strict();

export const SignInSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    clientId: Id,
  })
  .strict();

export const VerifySchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const PullQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
});

/** The first problem of a failed parse, as a short English phrase (for the request.invalid sentence). */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'invalid';
}

export const FeedCreateSchema = z.object({ calendarId: Id }).strict();
export const FeedRevokeSchema = z.object({ id: Id }).strict();
