import { z } from 'zod';

/** A reference to an item of any registered kind, as the API accepts it. */
export const ItemRefInput = z.object({
  kind: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9.-]*$/, 'field.format'),
  id: z.uuid(),
});
