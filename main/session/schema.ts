import { z } from 'zod';
import type { User } from '../organisation/schema';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';

/** A new password: never trimmed (spaces are part of it), at least 8 characters. */
const NewPassword = z.string().min(MIN_PASSWORD_LENGTH, 'password.tooShort').max(MAX_PASSWORD_LENGTH);
/** A password typed to prove who one is: any length the field allows. */
const GivenPassword = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const SignIn = z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: GivenPassword });
export const SessionSetUp = z.object({ password: NewPassword });
export const Unlock = z.object({ password: GivenPassword });
export const PasswordChange = z.object({ current: GivenPassword, next: NewPassword });
export const PasswordReset = z.object({ userId: z.uuid(), password: NewPassword });

/** setup: no password yet, the administrator must choose one; locked: the user's screen is kept, covered. */
export type SessionState = 'setup' | 'signed-out' | 'signed-in' | 'locked';

export interface Session {
  state: SessionState;
  /** The signed-in user, or the one who locked the desk. */
  user: User | null;
  /** Empty unless signed in. */
  permissions: string[];
  /** Who signed in last on this desk, to fill in the sign-in form. */
  lastUsername: string | null;
}
