import { z } from 'zod';
import type { UserRef } from '../identities/schema';

export const TIMELINE_KINDS = ['note', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineQuery = z.object({
  identityId: z.uuid(),
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
  before: z.object({ at: z.number().int().nonnegative(), key: z.string().max(100) }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const NoteCreate = z.object({
  identityId: z.uuid(),
  body: z.string().trim().min(1).max(20_000),
});

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}
export interface RecordChange {
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  fields: FieldChange[];
}

/** One line of an identity's history, newest first. Later capabilities add kinds. */
export interface TimelineItem {
  kind: TimelineKind;
  /** Unique within the timeline; with `at` it is the paging key. */
  key: string;
  at: number;
  actor: UserRef | null;
  /** note: the text. */
  body?: string;
  /** change: what one action changed (several rows: the identity, its phones, …). */
  action?: 'created' | 'edited' | 'deleted';
  changes?: RecordChange[];
}
export interface TimelinePage {
  items: TimelineItem[];
  next: { at: number; key: string } | null;
}
