/**
 * The referral chain's rules, as pure functions of a task's holdings: who is upstream of a
 * holding (a referral back to them would be a cycle), who may see which step, and which
 * send type wins when one person is reached twice in one referral.
 */
import type { ReferralMode } from './schema';

export interface Step {
  id: string;
  parent_id: string | null;
  holder_id: string;
  sender_id: string | null;
  mode: ReferralMode;
}

/**
 * Everyone the task passed through to reach `from`: its holder, each holder above it, and
 * whoever started the chain (the creator who assigned it). An original referral to any of
 * them would send the task round in a circle.
 */
export function upstreamOf(from: Step, steps: readonly Step[]): Set<string> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const people = new Set<string>();
  let at: Step | undefined = from;
  // A chain is a tree by construction; the guard only protects against damaged data.
  for (let hops = 0; at && hops <= steps.length; hops++) {
    people.add(at.holder_id);
    if (!at.parent_id && at.sender_id) people.add(at.sender_id);
    at = at.parent_id ? byId.get(at.parent_id) : undefined;
  }
  return people;
}

/** A hidden copy is seen only by whoever sent it and whoever holds it. */
export function stepVisibleTo(step: Step, viewer: string): boolean {
  return step.mode !== 'hidden' || step.holder_id === viewer || step.sender_id === viewer;
}

const STRENGTH: Record<ReferralMode, number> = { original: 3, copy: 2, hidden: 1 };

/** One person named twice (directly and through a group): the stronger send type wins. */
export function strongerMode(a: ReferralMode, b: ReferralMode): ReferralMode {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}
