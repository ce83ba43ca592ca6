import { z } from 'zod';
import { MAX_PULL_LIMIT, MAX_PUSH_CHANGES } from '../../db/sync/protocol';

// Shapes only: names are checked against the desk's schema map, values against its columns.
const Id = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);
const Name = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
const Hlc = z.string().regex(/^\d{15}:[0-9a-z]{6}:[0-9a-z-]{1,64}$/i);
const Value = z.union([z.string().max(100_000), z.number().finite(), z.null()]);

export const PushChangeSchema = z
  .object({
    changeId: z.string().min(1).max(80),
    txId: Id,
    table: Name,
    rowId: Id,
    op: z.enum(['insert', 'update', 'delete']),
    fields: z.record(z.string().max(64), Value).refine((f) => Object.keys(f).length <= 200, 'too many fields'),
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
