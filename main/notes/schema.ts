import { z } from 'zod';

export const NoteCreate = z.object({
  identityId: z.uuid(),
  body: z.string().trim().min(1).max(20_000),
});

/** The `data` of a note in the identity's history. */
export interface NoteData {
  body: string;
}
