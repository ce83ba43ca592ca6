/**
 * The task, referral and announcement forms ask before Escape or a click beside them throws
 * typed input away (GuardedDialog); these are the judgements of "would lose something"
 * behind that question. tests/e2e/tasks.spec.ts checks what the person sees.
 */
import { describe, expect, it } from 'vitest';
import { announcementWouldLose, newTaskWouldLose, referralWouldLose, type NewTaskDraft } from '../../renderer/features/tasks/unsavedInput';

const someone = { kind: 'user' as const, id: 'u1', name: 'سارا' };
const emptyTask: NewTaskDraft = { subject: '', description: '', assignees: [], deadline: '', priority: 'normal', identityId: null };

describe('closing the new-task form', () => {
  it('loses nothing when untouched or only spaces were typed', () => {
    expect(newTaskWouldLose(emptyTask, null)).toBe(false);
    expect(newTaskWouldLose({ ...emptyTask, subject: '   ', description: '\n' }, null)).toBe(false);
  });

  it('would lose a subject, a description, a deadline, a chosen person, a priority or an identity', () => {
    expect(newTaskWouldLose({ ...emptyTask, subject: 'پیگیری قرارداد' }, null)).toBe(true);
    expect(newTaskWouldLose({ ...emptyTask, description: 'شرح' }, null)).toBe(true);
    expect(newTaskWouldLose({ ...emptyTask, deadline: '1405/09/10' }, null)).toBe(true);
    expect(newTaskWouldLose({ ...emptyTask, assignees: [someone] }, null)).toBe(true);
    expect(newTaskWouldLose({ ...emptyTask, priority: 'urgent' }, null)).toBe(true);
    expect(newTaskWouldLose({ ...emptyTask, identityId: 'i1' }, null)).toBe(true);
  });

  it('opened from an identity, loses nothing while that identity is still the one chosen', () => {
    expect(newTaskWouldLose({ ...emptyTask, identityId: 'i1' }, 'i1')).toBe(false);
    expect(newTaskWouldLose({ ...emptyTask, identityId: null }, 'i1')).toBe(true);
  });
});

describe('closing the referral form', () => {
  const none = { original: [], copy: [], hidden: [] };
  it('loses nothing when untouched', () => {
    expect(referralWouldLose({ people: none, instruction: ' ', deadline: '' })).toBe(false);
  });
  it('would lose an instruction, a deadline, or anyone chosen as original, copy or hidden copy', () => {
    expect(referralWouldLose({ people: none, instruction: 'لطفاً تا فردا', deadline: '' })).toBe(true);
    expect(referralWouldLose({ people: none, instruction: '', deadline: '1405/09/10' })).toBe(true);
    for (const mode of ['original', 'copy', 'hidden'] as const) {
      expect(referralWouldLose({ people: { ...none, [mode]: [someone] }, instruction: '', deadline: '' })).toBe(true);
    }
  });
});

describe('closing the announcement form', () => {
  const empty = { subject: '', body: '', audience: [], deadline: '', priority: 'normal' as const };
  it('loses nothing when untouched', () => {
    expect(announcementWouldLose(empty)).toBe(false);
  });
  it('would lose a subject, a body, a deadline, chosen people or a priority', () => {
    expect(announcementWouldLose({ ...empty, subject: 'جلسهٔ شنبه' })).toBe(true);
    expect(announcementWouldLose({ ...empty, body: 'متن' })).toBe(true);
    expect(announcementWouldLose({ ...empty, deadline: '1405/09/10' })).toBe(true);
    expect(announcementWouldLose({ ...empty, audience: [someone] })).toBe(true);
    expect(announcementWouldLose({ ...empty, priority: 'high' })).toBe(true);
  });
});
