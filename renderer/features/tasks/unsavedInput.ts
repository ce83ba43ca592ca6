/**
 * When closing a task form would lose something the person typed (GuardedDialog's `dirty`,
 * renderer/app/useDirtyGuard.tsx). The forms start empty (or with the identity they were
 * opened from, and "normal" priority), so "dirty" means: something differs from that start.
 * Blank text counts as nothing: only spaces are not worth a question.
 */
import type { Priority, ReferralMode } from '../../../main/contract';
import type { PersonOrGroup } from './PeoplePicker';

const typed = (text: string) => text.trim() !== '';

export interface NewTaskDraft {
  subject: string;
  description: string;
  assignees: readonly PersonOrGroup[];
  deadline: string;
  priority: Priority;
  identityId: string | null;
}

/** `startIdentityId`: the identity the form was opened from (a contact's page), if any. */
export function newTaskWouldLose(draft: NewTaskDraft, startIdentityId: string | null): boolean {
  return (
    typed(draft.subject) ||
    typed(draft.description) ||
    typed(draft.deadline) ||
    draft.assignees.length > 0 ||
    draft.priority !== 'normal' ||
    draft.identityId !== startIdentityId
  );
}

export interface ReferralDraft {
  people: Readonly<Record<ReferralMode, readonly PersonOrGroup[]>>;
  instruction: string;
  deadline: string;
}

export function referralWouldLose(draft: ReferralDraft): boolean {
  return typed(draft.instruction) || typed(draft.deadline) || Object.values(draft.people).some((list) => list.length > 0);
}

export interface AnnouncementDraft {
  subject: string;
  body: string;
  audience: readonly PersonOrGroup[];
  deadline: string;
  priority: Priority;
}

export function announcementWouldLose(draft: AnnouncementDraft): boolean {
  return (
    typed(draft.subject) ||
    typed(draft.body) ||
    typed(draft.deadline) ||
    // Chosen people stay in the form when "everyone" is picked again, so they count too.
    draft.audience.length > 0 ||
    draft.priority !== 'normal'
  );
}
