import { z } from 'zod';
import type { User } from '../organisation/schema';

export const SignIn = z.object({ userId: z.uuid() });

export interface Session {
  user: User | null;
  permissions: string[];
}
