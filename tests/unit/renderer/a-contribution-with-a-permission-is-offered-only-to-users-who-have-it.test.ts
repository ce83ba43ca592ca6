import { describe, expect, it } from 'vitest';
import { contributions, usableBy } from '../../../renderer/app/features';
import { FEATURES } from '../../../renderer/features';

const keysFor = (slot: 'itemActions' | 'newItemForms', permissions: string[]) =>
  usableBy<{ key: string; permission?: string }>(contributions(FEATURES, slot), (p) => permissions.includes(p)).map((c) => c.key);

describe('a contribution with a permission is offered only to users who have it', () => {
  it('the call history offers "remind me" and "follow up" only with reminders.use and followups.use', () => {
    expect(keysFor('itemActions', ['reminders.use', 'followups.use'])).toEqual(['remind', 'follow-up']);
    expect(keysFor('itemActions', ['followups.use'])).toEqual(['follow-up']);
    expect(keysFor('itemActions', [])).toEqual([]);
  });

  it('new-item forms follow the same rule', () => {
    expect(keysFor('newItemForms', ['notes.write', 'reminders.use'])).toEqual(['note', 'reminder']);
  });
});
