import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/api/errors';
import type { Caller } from '../../main/api/router';
import { parseJalali } from '../../main/api/jalali-input';
import { snapshot } from '../api/backend-fixture';
import { startWork, type Work } from './work-fixture';

let w: Work;
// The office manager creates; Bahram does it and refers on; Chista gets the original,
// Dariush a copy, Elham a hidden copy; Farhad is a stranger to the task.
let manager: Caller, bahram: Caller, chista: Caller, dariush: Caller, elham: Caller, farhad: Caller, supervisor: Caller;
let taskId = '';

beforeAll(async () => {
  w = await startWork('referrals');
  manager = w.person('مسئول دفتر', 'office-manager');
  supervisor = w.person('ناظر', 'office-manager');
  bahram = w.person('بهرام');
  chista = w.person('چیستا');
  dariush = w.person('داریوش');
  elham = w.person('الهام');
  farhad = w.person('فرهاد');
});
afterAll(() => w.close());

const holders = (chain: { holder: { id: string } }[]) => chain.map((s) => s.holder.id);

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('a task and its referral chain', () => {
  it('a new task is unseen for its assignee and becomes seen when they first open it', () => {
    const created = w.tasks.create(
      {
        subject: 'پیگیری قرارداد بیمه',
        description: 'تا پایان هفته',
        priority: 'high',
        deadline: parseJalali('1404/01/10')!,
        assignees: [{ userId: bahram.userId! }],
      },
      manager,
    );
    taskId = created.id;
    expect(created.chain.map((s) => [s.holder.id, s.sender?.id, s.mode, s.status])).toEqual([
      [bahram.userId, manager.userId, 'original', 'unseen'],
    ]);
    expect(w.tasks.cartable({ tab: 'createdByMe', limit: 10 }, manager).rows.map((r) => r.status)).toEqual(['unseen']);

    const opened = w.tasks.open(taskId, bahram);
    expect(opened.mine.map((s) => s.status)).toEqual(['seen']);
    expect(opened.mine[0]!.seenAt).toBe(w.clock.now());
    expect(w.tasks.cartable({ tab: 'createdByMe', limit: 10 }, manager).rows.map((r) => r.status)).toEqual(['seen']);
    // Opening again changes nothing and writes nothing.
    const before = snapshot(w.backend.db);
    w.tasks.open(taskId, bahram);
    expect(snapshot(w.backend.db)).toEqual(before);
  });

  it('the assignee got an in-app message, which opening the task marked read', () => {
    const page = w.inbox.page(bahram.userId!, { limit: 10, unreadOnly: false });
    expect(page.messages.map((m) => [m.kind, m.params.subject, m.item?.id, m.link, m.from?.id, m.readAt !== null])).toEqual([
      ['task.assigned', 'پیگیری قرارداد بیمه', taskId, `/tasks/${taskId}`, manager.userId, true],
    ]);
    expect(page.unread).toBe(0);
  });

  it('a referral as original, copy and hidden copy adds one step each under the sender, who keeps theirs (referred)', () => {
    w.clock.advance(60_000);
    const view = w.tasks.refer(
      {
        taskId,
        recipients: [
          { userId: chista.userId!, mode: 'original' },
          { userId: dariush.userId!, mode: 'copy' },
          { userId: elham.userId!, mode: 'hidden' },
        ],
        instruction: 'لطفاً با کارگزار تماس بگیرید',
        deadline: parseJalali('1404/01/08 12:00')!,
      },
      bahram,
    );
    const bahramStep = view.chain[0]!;
    expect(bahramStep.status).toBe('referred');
    expect(view.chain.slice(1).map((s) => [s.holder.id, s.sender?.id, s.parentId, s.mode, s.status, s.instruction])).toEqual([
      [chista.userId, bahram.userId, bahramStep.assignmentId, 'original', 'unseen', 'لطفاً با کارگزار تماس بگیرید'],
      [dariush.userId, bahram.userId, bahramStep.assignmentId, 'copy', 'unseen', 'لطفاً با کارگزار تماس بگیرید'],
      [elham.userId, bahram.userId, bahramStep.assignmentId, 'hidden', 'unseen', 'لطفاً با کارگزار تماس بگیرید'],
    ]);
    expect(view.chain[1]!.deadline).toEqual({ at: Date.UTC(2025, 2, 28, 8, 30), hasTime: true });
    // The sender keeps the task: in "mine" (referred) and the recipients in "referred by me".
    expect(w.tasks.cartable({ tab: 'mine', limit: 10 }, bahram).rows.map((r) => [r.taskId, r.status])).toEqual([[taskId, 'referred']]);
    expect(holders(w.tasks.cartable({ tab: 'referredByMe', limit: 10 }, bahram).rows).sort()).toEqual(
      [chista.userId, dariush.userId, elham.userId].sort(),
    );
    for (const c of [chista, dariush, elham]) {
      expect(w.inbox.page(c.userId!, { limit: 5, unreadOnly: true }).messages.map((m) => [m.kind, m.params.from])).toEqual([
        ['task.referred', 'بهرام'],
      ]);
    }
  });

  it('the referred person sees it go from unseen to seen in the sender’s "referred by me"', () => {
    const statusOf = () =>
      w.tasks.cartable({ tab: 'referredByMe', limit: 10 }, bahram).rows.find((r) => r.holder.id === chista.userId)?.status;
    expect(statusOf()).toBe('unseen');
    w.tasks.open(taskId, chista);
    expect(statusOf()).toBe('seen');
  });

  it('a hidden copy is seen by its sender and its holder only, not by the other recipients or the creator', () => {
    expect(holders(w.tasks.open(taskId, bahram).chain)).toContain(elham.userId);
    expect(holders(w.tasks.open(taskId, elham).chain)).toContain(elham.userId);
    for (const other of [chista, dariush, manager, supervisor]) {
      expect(holders(w.tasks.open(taskId, other).chain)).not.toContain(elham.userId);
      expect(w.tasks.cartable({ tab: 'all', limit: 50 }, other).rows.map((r) => r.holder.id)).not.toContain(elham.userId);
    }
    // Elham sees who else got it (the original and the copy), as a blind copy would.
    expect(holders(w.tasks.open(taskId, elham).chain)).toEqual([bahram.userId, chista.userId, dariush.userId, elham.userId]);
  });

  it('only an original may be referred on; copies are for information', () => {
    for (const copyHolder of [dariush, elham]) {
      const err = refusal(() => w.tasks.refer({ taskId, recipients: [{ userId: farhad.userId!, mode: 'original' }] }, copyHolder));
      expect([err.code, err.key]).toEqual(['forbidden', 'task.cannotRefer']);
      expect(refusal(() => w.tasks.setStatus(w.tasks.open(taskId, copyHolder).mine[0]!.assignmentId, 'done', copyHolder)).key).toBe(
        'task.copyIsForInformation',
      );
    }
    expect(w.tasks.open(taskId, dariush).canRefer).toBe(false);
    expect(w.tasks.open(taskId, chista).canRefer).toBe(true);
  });

  it('the chain grows as the original is referred on, each step under the one it came from', () => {
    w.clock.advance(60_000);
    const view = w.tasks.refer({ taskId, recipients: [{ userId: farhad.userId!, mode: 'original' }], instruction: 'اقدام شود' }, chista);
    const chistaStep = view.chain.find((s) => s.holder.id === chista.userId)!;
    const farhadStep = view.chain.find((s) => s.holder.id === farhad.userId)!;
    expect([farhadStep.parentId, farhadStep.sender?.id, chistaStep.status]).toEqual([chistaStep.assignmentId, chista.userId, 'referred']);
    // No new deadline: the sender's carries on.
    expect(farhadStep.deadline).toEqual(chistaStep.deadline);
    expect(holders(w.tasks.open(taskId, manager).chain)).toEqual([bahram.userId, chista.userId, dariush.userId, farhad.userId]);
  });

  it('a referral back up the chain (to anyone it came through, or the creator) is refused as a cycle, and nothing is written', () => {
    const before = snapshot(w.backend.db);
    for (const back of [chista, bahram, manager, farhad]) {
      const err = refusal(() => w.tasks.refer({ taskId, recipients: [{ userId: back.userId!, mode: 'original' }] }, farhad));
      expect([err.code, err.key]).toEqual(['conflict', 'referral.cycle']);
    }
    expect(refusal(() => w.tasks.refer({ taskId, recipients: [{ userId: bahram.userId!, mode: 'original' }] }, farhad)).params).toEqual({
      name: 'بهرام',
    });
    expect(snapshot(w.backend.db)).toEqual(before);
  });

  it('a copy back to someone upstream is fine: it only informs them', () => {
    const view = w.tasks.refer({ taskId, recipients: [{ userId: manager.userId!, mode: 'copy' }] }, farhad);
    expect(view.chain.filter((s) => s.holder.id === manager.userId).map((s) => [s.mode, s.sender?.id])).toEqual([['copy', farhad.userId]]);
  });

  it('a group referral reaches its members but passes over those the task already came through', () => {
    const team = w.organisation.createGroup(
      { name: 'واحد مالی', kind: 'department', memberIds: [bahram.userId!, chista.userId!, dariush.userId!, elham.userId!, farhad.userId!] },
      null,
    );
    const view = w.tasks.refer({ taskId, recipients: [{ groupId: team.id, mode: 'original' }] }, farhad);
    const added = view.chain.filter((s) => s.viaGroup?.id === team.id);
    // Bahram and Chista are upstream of Farhad, Farhad is the sender: Dariush and Elham remain.
    expect(added.map((s) => s.holder.id).sort()).toEqual([dariush.userId, elham.userId].sort());
    expect(added.every((s) => s.viaGroup?.name === 'واحد مالی' && s.mode === 'original')).toBe(true);
  });

  it('a person who is not part of the task cannot open it, and it is not in their cartable; tasks.readAll may', () => {
    const stranger = w.person('غریبه');
    expect(refusal(() => w.tasks.open(taskId, stranger)).code).toBe('not-found');
    expect(w.tasks.cartable({ tab: 'all', limit: 50 }, stranger).rows).toEqual([]);
    expect(w.tasks.open(taskId, supervisor).id).toBe(taskId);
    expect(w.tasks.cartable({ tab: 'all', limit: 50 }, supervisor).rows.map((r) => r.taskId)).toContain(taskId);
  });

  it('only the creator may cancel; cancelling closes every open step and refuses further referrals', () => {
    expect(refusal(() => w.tasks.cancel(taskId, bahram)).key).toBe('task.notCreator');
    const view = w.tasks.cancel(taskId, manager);
    expect(view.cancelledAt).toBe(w.clock.now());
    expect(new Set(view.chain.map((s) => s.status))).toEqual(new Set(['cancelled']));
    expect(refusal(() => w.tasks.refer({ taskId, recipients: [{ userId: bahram.userId!, mode: 'copy' }] }, dariush)).key).toBe('task.cancelled');
  });
});
