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

const NAMES: Record<string, string> = { [ME]: 'سارا رحیمی', [OTHER]: 'Reza Karimi' };

function setUp(options: { signedIn?: string | null; language?: 'fa' | 'en' } = {}) {
  const presence = new WindowPresence();
  const shown: DesktopNotification[] = [];
  const emitted: Reminder[] = [];
  let waiting = 0;
  const signedIn = options.signedIn === undefined ? ME : options.signedIn;
  const delivery = new ReminderDelivery({
    emit: (r) => emitted.push(r),
    emitWaiting: () => void waiting++,
    currentUser: () => signedIn,
    userName: (id) => NAMES[id]!,
    presence,
    notifier: { show: async (n) => void shown.push(n) },
    sentence: (key, params) => text(key, options.language ?? 'fa', params),
    onNotifyError: () => {},
  });
  return { presence, shown, emitted, delivery, waiting: () => waiting };
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

  it('while nobody is signed in, a fired reminder pops up nowhere and says only whose it is: a sound for the sign-in screen and a native notification', () => {
    const { presence, shown, emitted, delivery, waiting } = setUp({ signedIn: null });
    // A window at the sign-in screen is in front: it shows no reminder, so the notification is still shown.
    presence.report('window-aaaa-1', { visible: true, focused: true });
    delivery.deliver([reminder(1, ME, { note: 'قرارداد محرمانهٔ بانک' }), reminder(2, ME), reminder(3, OTHER, { late: true })]);
    expect(emitted).toEqual([]);
    expect(waiting()).toBe(1);
    expect(shown).toEqual([
      { title: 'یادآوری دفتر', body: '۲ یادآوری برای سارا رحیمی رسیده است؛ برای دیدن آن‌ها وارد شوید.' },
      { title: 'یادآوری دفتر', body: 'یک یادآوری برای Reza Karimi رسیده است؛ برای دیدن آن وارد شوید.' },
    ]);
    // Nothing of what the reminders are: neither the item's title nor the note.
    expect(JSON.stringify(shown)).not.toMatch(/کار|قرارداد/);
  });

  it('says it in the desk’s language', () => {
    const { shown, delivery } = setUp({ signedIn: null, language: 'en' });
    delivery.deliver([reminder(1, ME)]);
    expect(shown).toEqual([{ title: 'Daftar reminder', body: 'A reminder is due for سارا رحیمی — sign in to see it.' }]);
  });

  it('signed in, another person’s reminder is not announced at all (it waits for them, as before)', () => {
    const { shown, emitted, delivery, waiting } = setUp();
    delivery.deliver([reminder(1, OTHER)]);
    expect([emitted.length, shown.length, waiting()]).toEqual([0, 0, 0]);
  });

  it('text from outside stays text: markup is escaped and a leading dash is not an option', () => {
    expect(escapeMarkup('<b>فوری</b> & مهم')).toBe('&lt;b&gt;فوری&lt;/b&gt; &amp; مهم');
    expect(plainArgument('-u critical')).toBe('\u2060-u critical');
    expect(plainArgument('سطر\u0007یک')).toBe('سطر یک');
  });
});
