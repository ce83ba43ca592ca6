import { z } from 'zod';
import type { UserRef } from '../organisation/schema';
import type { ValueKind } from '../api/capability';

export const TimelineQuery = z.object({
  identityId: z.uuid(),
  /** Kinds to show (each capability's timeline source has one); all when absent. */
  kinds: z.array(z.string().regex(/^[a-z][a-zA-Z]*$/)).max(30).optional(),
  before: z.object({ at: z.number().int().nonnegative(), key: z.string().max(100) }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** One field of one record in a change, described by its capability (never a column name). */
export interface DescribedField {
  label: string;
  kind: ValueKind;
  from: unknown;
  to: unknown;
}
export interface DescribedChange {
  /** Translation key of what changed ("phone", "appointment"). */
  entity: string;
  /** The record whose history this is (its own fields), rather than one of its parts. */
  own: boolean;
  op: 'insert' | 'update' | 'delete';
  fields: DescribedField[];
}
/** The `data` of a change-log item. */
export interface ChangeData {
  action: 'created' | 'edited' | 'deleted';
  changes: DescribedChange[];
}

/** One line of an identity's history, newest first. Each kind is drawn by its feature. */
export interface TimelineItem {
  kind: string;
  /** Unique within the timeline; with `at` it is the paging key. */
  key: string;
  at: number;
  actor: UserRef | null;
  /** What the kind's renderer shows: plain data, rendered as text. */
  data: unknown;
}
export interface TimelinePage {
  items: TimelineItem[];
  next: { at: number; key: string } | null;
}
