import { z } from 'zod';

export const SettingsPatch = z.object({
  language: z.enum(['fa', 'en']).optional(),
  /** Area code used for local numbers typed without one (e.g. 21 for Tehran). */
  defaultAreaCode: z
    .string()
    .trim()
    .regex(/^0?[1-9][0-9]{1,2}$/, 'areaCode.format')
    .transform((s) => s.replace(/^0/, ''))
    .optional(),
  /** The desk locks itself after this many minutes without input; 0: never. */
  lockAfterMinutes: z.number().int().min(0).max(480).optional(),
});
export interface Settings {
  language: 'fa' | 'en';
  defaultAreaCode: string;
  lockAfterMinutes: number;
}
