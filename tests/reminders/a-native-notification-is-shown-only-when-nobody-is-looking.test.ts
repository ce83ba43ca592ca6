import { describe, expect, it } from 'vitest';
import { registerMessages, text } from '../../main/api/messages';
import { REMINDER_MESSAGES } from '../../main/reminders/messages';
import { ReminderDelivery, MAX_SEPARATE_NOTIFICATIONS } from '../../main/reminders/delivery';
import type { DesktopNotification } from '../../main/api/capability';
import { escapeMarkup, plainArgument } from '../../main/host/desktop-notifier';
import { WindowPresence } from '../../main/reminders/presence';
import type { Reminder } from '../../main/reminders/schema';

const ME = '0195b000-0000-7000-8000-000000000001';
const OTHER = '0195b000-0000-7000-8000-000000000002';

function reminder(n: number, owner = ME, extra: Partial<Reminder> = {}): Reminder {
  return {
    id: `0195b000-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`,
    ownerId: owner,
    item: { kind: 'task', id: '0195b000-0000-7000-8000-200000000000' },
    title: `کار ${n}`,
    link: '/tasks/x',
    note: null,
    dueAt: 0,
    state: 'fired',
    firedAt: 0,
    late: false,
    ...extra,
  };
}

// The backend registers every manifest's sentences at start; this test has no backend.
registerMessages(REMINDER_MESSAGES);

function setUp() {
  const presence = new WindowPresence();
  const shown: DesktopNotification[] = [];
  const emitted: Reminder[] = [];
  const delivery = new ReminderDelivery({
    emit: (r) => emitted.push(r),
    currentUser: () => ME,
    presence,
    notifier: { show: async (n) => void shown.push(n) },
    sentence: (key, params) => text(key, 'fa', params),
    onNotifyError: () => {},
  });
  return { presence, shown, emitted, delivery };
}

describe('delivering fired reminders', () => {
  it('pops up the signed-in person’s reminders in the app; others wait for their owner', () => {
    const { emitted, delivery } = setUp();
    delivery.deliver([reminder(1), reminder(2, OTHER)]);
    expect(emitted.map((r) => r.title)).toEqual(['کار 1']);
  });

  it('shows a native notification when no window is both visible and focused', () => {
    const { presence, shown, delivery } = setUp();
    delivery.deliver([reminder(1, ME, { note: 'با بانک تماس بگیر' })]);
    expect(shown).toEqual([{ title: 'کار 1', body: 'با بانک تماس بگیر' }]);
    presence.report('window-aaaa-1', { visible: true, focused: false });
    delivery.deliver([reminder(2)]);
    presence.report('window-bbbb-2', { visible: false, focused: true });
    delivery.deliver([reminder(3, ME, { late: true })]);
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['کار 1', 'با بانک تماس بگیر'],
      ['کار 2', 'یادآوری دفتر'],
      ['کار 3', '(با تأخیر) یادآوری دفتر'],
    ]);
  });

  it('stays quiet natively while a window is visible and focused (the popup is enough)', () => {
    const { presence, shown, emitted, delivery } = setUp();
    presence.report('window-aaaa-1', { visible: true, focused: true });
    delivery.deliver([reminder(1)]);
    expect([emitted.length, shown.length]).toEqual([1, 0]);
    // The window went away without saying so: notify again rather than stay silent.
    presence.forgetAll();
    delivery.deliver([reminder(2)]);
    expect(shown).toHaveLength(1);
  });

  it('a window’s report runs out if it is not repeated (the window may have vanished without a word)', () => {
    let now = 0;
    const presence = new WindowPresence(() => now, 60_000);
    presence.report('window-aaaa-1', { visible: true, focused: true });
    now = 60_000;
    expect(presence.attended()).toBe(true);
    now = 60_001;
    expect(presence.attended()).toBe(false);
    presence.report('window-aaaa-1', { visible: true, focused: true });
    expect(presence.attended()).toBe(true);
  });

  it('many reminders at once become one summary notification', () => {
    const { shown, delivery } = setUp();
    delivery.deliver(Array.from({ length: MAX_SEPARATE_NOTIFICATIONS + 2 }, (_, i) => reminder(i)));
    expect(shown).toEqual([{ title: 'Daftar', body: '۵ یادآوری رسیده است.' }]);
  });

  it('text from outside stays text: markup is escaped and a leading dash is not an option', () => {
    expect(escapeMarkup('<b>فوری</b> & مهم')).toBe('&lt;b&gt;فوری&lt;/b&gt; &amp; مهم');
    expect(plainArgument('-u critical')).toBe('\u2060-u critical');
    expect(plainArgument('سطر\u0007یک')).toBe('سطر یک');
  });
});
