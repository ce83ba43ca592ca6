/**
 * The calendar in Chromium against the suite's web host: booking a room and taking a
 * proposed slot when it clashes, dragging in the week view, finding a free room in one
 * step, answering an invitation as another user; screenshots of the views in both
 * languages at two window widths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, openApp, screenshotPath, signInIfAsked, test, uniqueWord } from './fixtures';
import { REPO } from './paths';
import { callHost } from './host-api';

// Each test walks through several dialogs, sign-ins or a dozen screenshots: on a small,
// busy machine that takes more than the suite's 60 s (nothing here measures speed).
test.describe.configure({ timeout: 150_000 });

const PX_PER_MINUTE = 1.1; // renderer/features/calendar/views/WeekView.tsx
const WORK_START = 8 * 60; // the calendar's default working hours start at 08:00

const daysOff = new Set(
  (JSON.parse(readFileSync(join(REPO, 'main/calendar/data/iran-holidays.json'), 'utf8')) as { gregorian: string; holiday: boolean }[])
    .filter((r) => r.holiday)
    .map((r) => r.gregorian),
);

/** A working day (not Friday, not an official day off) about `weeks` weeks from today, in Tehran. */
function workingDay(weeks: number, weekday = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
  let t = Date.parse(`${today}T12:00:00Z`) + weeks * 7 * 86_400_000;
  // To the chosen weekday (0 = Sunday), then past any day off.
  while (new Date(t).getUTCDay() !== weekday) t += 86_400_000;
  const day = () => new Date(t).toISOString().slice(0, 10);
  while (new Date(t).getUTCDay() === 5 || daysOff.has(day())) t += 86_400_000;
  return day();
}

/**
 * openApp from a fresh page: going from the app to its own address with the token changes
 * only the hash, which reloads nothing (the token would stay in the address), so this
 * leaves the page first.
 */
async function reopen(page: Page, path: string) {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await openApp(page, path);
}

/** Goes to a route of the app already open in the page, as a link does. */
async function go(page: Page, path: string) {
  await page.evaluate((p) => {
    window.location.hash = `#${p}`;
  }, path);
}

/** Opens the calendar on `date` in one of its views, with the working hours shown. */
async function openDay(page: Page, date: string, view: 'day' | 'week' | 'month' | 'timeline' = 'day') {
  await reopen(page, `/calendar?date=${date}`);
  await page.getByTestId(`view-${view}`).click();
  await page.getByTestId('hours-working').click();
  await expect(page.getByTestId('calendar-body')).toHaveAttribute('data-loaded', 'true');
}

/**
 * Clicks the time hh:mm of a day column in the strip its items leave free at the column's
 * end (FREE_STRIP_PX in WeekView.tsx): the form opens for an hour from there, even when
 * something else is booked then.
 */
async function newAt(page: Page, date: string, minutes: number) {
  const column = page.getByTestId(`column-${date}`);
  const width = (await column.boundingBox())!.width;
  const rtl = (await page.locator('html').getAttribute('dir')) === 'rtl';
  await column.click({ position: { x: rtl ? 5 : width - 5, y: (minutes - WORK_START) * PX_PER_MINUTE + 4 } });
  await expect(page.getByTestId('appointment-dialog')).toBeVisible();
}

async function chooseRoom(page: Page, room: string) {
  const dialog = page.getByTestId('appointment-dialog');
  await dialog.getByTestId('location-kind').click();
  await page.getByRole('option', { name: 'اتاق جلسه' }).click();
  await dialog.getByTestId('room-select').click();
  await page.getByRole('option', { name: new RegExp(`^${room}`) }).click();
}

const item = (page: Page, subject: string) => page.getByTestId('appointment').filter({ hasText: subject });

test('books a room, sees the clash when booking it again, and takes a proposed slot in one click', async ({ page }) => {
  const date = workingDay(5, 0);
  const first = `جلسهٔ ${uniqueWord()}`;
  const second = `جلسهٔ ${uniqueWord()}`;
  await openDay(page, date);

  await newAt(page, date, 10 * 60);
  const dialog = page.getByTestId('appointment-dialog');
  await dialog.getByTestId('subject').fill(first);
  await chooseRoom(page, 'اتاق جلسات ۱');
  await expect(dialog.getByTestId('conflict-panel')).toBeHidden();
  await dialog.getByTestId('save-appointment').click();
  await expect(dialog).toBeHidden();
  await expect(item(page, first)).toHaveAttribute('aria-label', `${first} ۱۰:۰۰–۱۱:۰۰`);

  // The same room at the same time: the clash shows before saving, with free slots.
  await newAt(page, date, 10 * 60);
  await dialog.getByTestId('subject').fill(second);
  await chooseRoom(page, 'اتاق جلسات ۱');
  const panel = dialog.getByTestId('conflict-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('conflict')).toContainText(first);
  await expect(panel.getByTestId('conflict')).toContainText('اتاق جلسات ۱');
  await expect(panel.getByTestId('proposal')).toHaveCount(3);
  await expect(panel.getByTestId('proposal').first()).toContainText('۱۱:۰۰–۱۲:۰۰');
  await panel.getByTestId('proposal').first().click();
  await expect(dialog).toBeHidden();
  await expect(item(page, second)).toHaveAttribute('aria-label', `${second} ۱۱:۰۰–۱۲:۰۰`);
  await expect(item(page, first)).toHaveAttribute('aria-label', `${first} ۱۰:۰۰–۱۱:۰۰`);
});

test('saving over a clash needs the explicit override', async ({ page }) => {
  const date = workingDay(5, 1);
  const first = `بازدید ${uniqueWord()}`;
  const second = `بازدید ${uniqueWord()}`;
  await openDay(page, date);
  const dialog = page.getByTestId('appointment-dialog');
  for (const subject of [first, second]) {
    await newAt(page, date, 13 * 60);
    await dialog.getByTestId('subject').fill(subject);
    await chooseRoom(page, 'اتاق جلسات ۲');
    if (subject === second) {
      // Save without choosing: refused with the backend's sentence, nothing saved, nothing typed lost.
      await dialog.getByTestId('save-appointment').click();
      await expect(dialog.getByTestId('conflict-panel')).toContainText('«اتاق جلسات ۲» در این زمان آزاد نیست');
      await expect(dialog.getByTestId('subject')).toHaveValue(second);
      await dialog.getByTestId('override').click();
    } else {
      await dialog.getByTestId('save-appointment').click();
    }
    await expect(dialog).toBeHidden();
  }
  await expect(item(page, first)).toBeVisible();
  await expect(item(page, second)).toBeVisible();
});

test('drags an appointment to another hour and day in the week view', async ({ page }) => {
  const date = workingDay(6, 0);
  const subject = `تماس ${uniqueWord()}`;
  await openDay(page, date, 'week');
  await newAt(page, date, 9 * 60);
  const dialog = page.getByTestId('appointment-dialog');
  await dialog.getByTestId('subject').fill(subject);
  await dialog.getByTestId('save-appointment').click();
  await expect(dialog).toBeHidden();
  const block = item(page, subject);
  await expect(block).toHaveAttribute('aria-label', `${subject} ۰۹:۰۰–۱۰:۰۰`);

  // Two hours later and one day on: the next day's column is the neighbour in the page's direction.
  const from = (await block.boundingBox())!;
  const nextDay = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const target = (await page.getByTestId(`column-${nextDay}`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 8);
  await page.mouse.down();
  const dy = 120 * PX_PER_MINUTE;
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + from.width / 2 + ((target.x + target.width / 2 - (from.x + from.width / 2)) * i) / 10, from.y + 8 + (dy * i) / 10);
  }
  await expect(page.getByTestId('drag-ghost')).toContainText('۱۱:۰۰–۱۲:۰۰');
  await page.mouse.up();
  await expect(page.getByTestId(`column-${nextDay}`).getByTestId('appointment').filter({ hasText: subject })).toHaveAttribute('aria-label', `${subject} ۱۱:۰۰–۱۲:۰۰`);
  await expect(page.getByTestId(`column-${date}`).getByTestId('appointment').filter({ hasText: subject })).toHaveCount(0);

  // Resized at its lower edge by half an hour.
  const moved = page.getByTestId(`column-${nextDay}`).getByTestId('appointment').filter({ hasText: subject });
  const box = (await moved.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2 + (30 * PX_PER_MINUTE * i) / 5);
  await page.mouse.up();
  await expect(moved).toHaveAttribute('aria-label', `${subject} ۱۱:۰۰–۱۲:۳۰`);
});

test('an item below the scrolled-to hours is reached by the keyboard: focused, it scrolls into view and writes its text', async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const calendarId = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!.id;
  const date = workingDay(8, 2);
  const early = `صبح ${uniqueWord()}`;
  const late = `شب ${uniqueWord()}`;
  await callHost('calendar.appointments.create', { calendarId, subject: early, start: `${date}T09:00`, end: `${date}T10:00`, notify: [] });
  await callHost('calendar.appointments.create', { calendarId, subject: late, start: `${date}T21:00`, end: `${date}T22:00`, notify: [] });
  await reopen(page, `/calendar?date=${date}`);
  await page.getByTestId('view-day').click();
  await page.getByTestId('hours-all').click();
  const lateItem = page.locator(`[data-testid="appointment"][aria-label^="${late} "]`);
  // In the page with its name for assistive tech, but not yet seen: a box without text.
  await expect(lateItem).toHaveAttribute('aria-label', `${late} ۲۱:۰۰–۲۲:۰۰`);
  await expect(lateItem).not.toBeInViewport();
  await expect(lateItem).not.toHaveAttribute('data-time');
  await expect(lateItem).toHaveText('');

  await item(page, early).focus();
  await page.keyboard.press('Tab');
  await expect(lateItem).toBeFocused();
  await expect(lateItem).toBeInViewport();
  await expect(lateItem).toHaveAttribute('data-time', '۲۱:۰۰');
  await expect(lateItem).toHaveText(late);
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('appointment-dialog');
  await expect(dialog.getByTestId('subject')).toHaveValue(late);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByTestId('hours-working').click();
});

test('a stretch of a day with more overlapping appointments than fit shows one "+N" marker, reached with Tab, whose list opens each of them', async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const calendarId = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!.id;
  const date = workingDay(9, 1);
  const word = uniqueWord();
  // Twelve that all overlap, starting five minutes apart from 10:00 and ending at 12:30.
  const subjects = Array.from({ length: 12 }, (_, i) => `انبوه ${word} ${i + 1}`);
  for (const [i, subject] of subjects.entries()) {
    await callHost('calendar.appointments.create', { calendarId, subject, start: `${date}T10:${String(5 * i).padStart(2, '0')}`, end: `${date}T12:30`, notify: [] });
  }
  await openDay(page, date, 'week');
  const column = page.getByTestId(`column-${date}`);
  const mine = column.locator(`[data-testid="appointment"][aria-label^="انبوه ${word} "]`);
  const marker = column.getByTestId('more-marker');
  await expect(marker).toHaveCount(1);
  // As many lanes as fit at 40 px (shownText.ts) in the column less its free strip: the
  // first ones drawn, the rest behind the marker in the last lane.
  const lanes = Math.max(1, Math.floor(((await column.boundingBox())!.width - 14) / 40));
  expect(lanes).toBeLessThan(12);
  await expect(mine).toHaveCount(lanes - 1);
  const hidden = 12 - (lanes - 1);
  await expect(marker).toHaveAttribute('data-count', String(hidden));
  await expect(marker).toHaveText(`+${persianDigits(String(hidden))}`);
  await expect(marker).toHaveAttribute('aria-label', `${persianDigits(String(hidden))} قرار دیگر، ${persianDigits(`10:${String(5 * (lanes - 1)).padStart(2, '0')}`)} تا ۱۲:۳۰`);

  // Clicked, it lists exactly the hidden ones, earliest first, with their times.
  await marker.click();
  const list = page.getByTestId('more-list');
  const entries = list.getByTestId('more-item');
  await expect(entries).toHaveCount(hidden);
  await expect(entries).toContainText(subjects.slice(lanes - 1));
  await expect(entries.first()).toContainText(persianDigits(`10:${String(5 * (lanes - 1)).padStart(2, '0')}–12:30`));
  // Choosing one opens it, as clicking it in the grid would.
  await entries.filter({ hasText: subjects[11]! }).click();
  const dialog = page.getByTestId('appointment-dialog');
  await expect(dialog.getByTestId('subject')).toHaveValue(subjects[11]!);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list).toBeHidden();

  // By keyboard: Tab goes from the last drawn item to the marker; Space opens the list,
  // Escape closes it, Enter opens it again and on an entry opens that appointment.
  if (lanes > 1) {
    await mine.last().focus();
    await page.keyboard.press('Tab');
  } else {
    await marker.focus();
  }
  await expect(marker).toBeFocused();
  await page.keyboard.press('Space');
  await expect(entries).toHaveCount(hidden);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(marker).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entries.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('subject')).toHaveValue(subjects[lanes - 1]!);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('two overlapping meetings stay two boxes side by side at 1024 px, with no "+N" marker', async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const calendarId = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!.id;
  const date = workingDay(9, 3);
  const word = uniqueWord();
  for (const [i, start] of ['10:00', '10:30'].entries()) {
    await callHost('calendar.appointments.create', { calendarId, subject: `دوتایی ${word} ${i + 1}`, start: `${date}T${start}`, end: `${date}T11:30`, notify: [] });
  }
  await page.setViewportSize({ width: 1024, height: 800 });
  try {
    await openDay(page, date, 'week');
    const column = page.getByTestId(`column-${date}`);
    await expect(column.locator(`[data-testid="appointment"][aria-label^="دوتایی ${word} "]`)).toHaveCount(2);
    await expect(column.getByTestId('more-marker')).toHaveCount(0);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('a "+N" marker hiding 300 appointments opens its list at once, and the last one is reached by keyboard and by scrolling and opens', async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const calendarId = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!.id;
  const date = workingDay(11, 2);
  const word = uniqueWord();
  // 300 + the drawn lanes, all overlapping: starting a minute apart from 09:00, all ending at 15:00.
  const count = 310;
  const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const subjects = Array.from({ length: count }, (_, i) => `انبوه ${word} ${i + 1}`);
  for (let i = 0; i < count; i += 20) {
    await Promise.all(
      subjects.slice(i, i + 20).map((subject, k) => callHost('calendar.appointments.create', { calendarId, subject, start: `${date}T${hh(9 * 60 + i + k)}`, end: `${date}T15:00`, notify: [] })),
    );
  }
  await openDay(page, date, 'week');
  const marker = page.getByTestId(`column-${date}`).getByTestId('more-marker');
  await expect(marker).toHaveCount(1);
  const hidden = Number(await marker.getAttribute('data-count'));
  expect(hidden).toBeGreaterThanOrEqual(300);

  await marker.focus();
  await page.keyboard.press('Enter');
  const list = page.getByTestId('more-list');
  const entries = list.getByTestId('more-item');
  await expect(entries.first()).toBeFocused();
  await expect(entries.first()).toContainText(subjects[count - hidden]!);
  // Only the rows in sight (and a few beyond) are in the page, each saying where it stands.
  expect(await entries.count()).toBeLessThan(40);
  await expect(entries.first()).toHaveAttribute('aria-setsize', String(hidden));
  // ↓ moves one row, End goes to the last, which opens with Enter.
  await page.keyboard.press('ArrowDown');
  await expect(entries.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  const lastEntry = list.locator(`[data-testid="more-item"][aria-posinset="${hidden}"]`);
  await expect(lastEntry).toBeFocused();
  await expect(lastEntry).toContainText(subjects[count - 1]!);
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('appointment-dialog');
  await expect(dialog.getByTestId('subject')).toHaveValue(subjects[count - 1]!);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list).toBeHidden();

  // Escape closes the list and gives the focus back to the marker.
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(entries.first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(marker).toBeFocused();

  // By scrolling: the wheel brings the last row into the page, and a click opens it.
  await marker.click();
  await list.hover();
  for (let i = 0; i < 40 && !(await lastEntry.isVisible()); i++) await page.mouse.wheel(0, 2000);
  await lastEntry.click();
  await expect(dialog.getByTestId('subject')).toHaveValue(subjects[count - 1]!);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test("a calendar's chip hides its appointments and shows them again, and the choice is pressed on the chip", async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string; name: string }[]>('calendar.calendars.list', {});
  const calendar = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!;
  const date = workingDay(12, 2);
  const word = uniqueWord();
  await callHost('calendar.appointments.create', { calendarId: calendar.id, subject: `چیپ ${word}`, start: `${date}T10:00`, end: `${date}T11:00`, notify: [] });
  await openDay(page, date, 'week');
  const mine = page.getByTestId(`column-${date}`).locator(`[data-testid="appointment"][aria-label^="چیپ ${word}"]`);
  const chip = page.getByTestId('calendar-chip').filter({ hasText: calendar.name });
  await expect(mine).toHaveCount(1);
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  try {
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'false');
    await expect(mine).toHaveCount(0);
  } finally {
    await chip.click();
  }
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(mine).toHaveCount(1);
});

test('a second visit draws from the lookups it already has and asks only for its appointments; a calendar renamed meanwhile is asked for again', async ({ page }) => {
  // The methods the page calls, as they leave it over the socket.
  const asked: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { t?: string; method?: string };
      if (frame.t === 'call' && frame.method) asked.push(frame.method);
    }),
  );
  const date = workingDay(12, 3);
  const LOOKUPS = ['calendar.settings.get', 'calendar.calendars.list', 'organisation.get', 'calendar.preferences.get'];
  await openDay(page, date, 'week');
  expect(LOOKUPS.filter((m) => !asked.includes(m))).toEqual([]);

  const revisit = async () => {
    await go(page, '/');
    await expect(page.getByTestId('today')).toBeVisible();
    asked.length = 0;
    await go(page, `/calendar?date=${date}`);
    await expect(page.getByTestId('calendar-body')).toHaveAttribute('data-loaded', 'true');
  };
  await revisit();
  expect(asked).toContain('calendar.appointments.list');
  expect(asked.filter((m) => LOOKUPS.includes(m))).toEqual([]);

  const calendars = await callHost<{ id: string; kind: string; name: string; colour: string; ownerId: string | null; defaultAccess: string; entries?: object[] }[]>(
    'calendar.calendars.list',
    {},
  );
  const calendar = calendars.find((c) => c.kind === 'regular')!;
  const as = (name: string) => ({ id: calendar.id, name, colour: calendar.colour, ownerId: calendar.ownerId, defaultAccess: calendar.defaultAccess, access: calendar.entries ?? [] });
  const renamed = `${calendar.name} ${uniqueWord()}`;
  try {
    await callHost('calendar.calendars.update', as(renamed));
    await revisit();
    await expect(page.getByTestId('calendar-chip').filter({ hasText: renamed })).toBeVisible();
    // Only what the rename touched is asked for again.
    expect(asked).toContain('calendar.calendars.list');
    expect(asked).not.toContain('calendar.settings.get');
    expect(asked).not.toContain('organisation.get');
  } finally {
    await callHost('calendar.calendars.update', as(calendar.name));
  }
});

test('finds which rooms are free at a time in one step, and books one', async ({ page }) => {
  const date = workingDay(7, 2);
  const subject = `کارگاه ${uniqueWord()}`;
  await openDay(page, date);
  await newAt(page, date, 10 * 60);
  const dialog = page.getByTestId('appointment-dialog');
  await dialog.getByTestId('subject').fill(subject);
  await chooseRoom(page, 'سالن همایش');
  await dialog.getByTestId('save-appointment').click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('open-availability').click();
  const ask = page.getByTestId('availability-dialog');
  // The day shown is the one asked about; 10:00–11:00 is the default time.
  await ask.getByTestId('availability-ask').click();
  const rows = ask.getByTestId('availability-row');
  await expect(rows.filter({ hasText: 'سالن همایش' })).toHaveAttribute('data-free', 'false');
  await expect(rows.filter({ hasText: 'سالن همایش' })).toContainText(subject);
  await expect(rows.filter({ hasText: 'اتاق جلسات ۲' })).toHaveAttribute('data-free', 'true');
  await rows.filter({ hasText: 'اتاق جلسات ۲' }).getByTestId('book-room').click();
  await expect(page.getByTestId('appointment-dialog')).toBeVisible();
  await expect(page.getByTestId('room-select')).toContainText('اتاق جلسات ۲');
  await page.keyboard.press('Escape');
});

test('another user answers an invitation from the appointment cartable', async ({ page }) => {
  const date = workingDay(6, 3);
  const subject = `دعوت ${uniqueWord()}`;
  await openDay(page, date);
  await newAt(page, date, 14 * 60);
  const dialog = page.getByTestId('appointment-dialog');
  await dialog.getByTestId('subject').fill(subject);
  await dialog.getByTestId('add-user').click();
  await page.getByRole('option', { name: 'لیلا جعفری' }).click();
  await expect(dialog.getByTestId('attendee')).toContainText('لیلا جعفری');
  await dialog.getByTestId('save-appointment').click();
  await expect(dialog).toBeHidden();

  await signInAs(page, 'sales2', 'لیلا جعفری');
  try {
    // The invitation is in her bell, unread.
    await reopen(page, '/');
    await expect(page.getByTestId('inbox-bell')).not.toHaveAttribute('data-unread', '0');
    await page.getByTestId('inbox-bell').click();
    await expect(page.getByTestId('inbox-message').filter({ hasText: subject })).toHaveAttribute('data-read', 'false');
    await page.screenshot({ path: screenshotPath('calendar-invitation-in-the-bell') });
    // Opened from elsewhere (her cartable), the appointment's message in the bell is read.
    await reopen(page, '/calendar/cartable');
    await page.getByTestId('cartable-item').filter({ hasText: subject }).getByTestId('cartable-subject').click();
    await expect(page.getByTestId('appointment-dialog')).toContainText(subject);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('appointment-dialog')).toBeHidden();
    await page.getByTestId('inbox-bell').click();
    await expect(page.getByTestId('inbox-message').filter({ hasText: subject })).toHaveAttribute('data-read', 'true');
    // Its entry still opens the appointment, with her reminders on it.
    await page.getByTestId('inbox-message').filter({ hasText: subject }).click();
    const opened = page.getByTestId('appointment-dialog');
    await expect(opened).toContainText(subject);
    await expect(opened.getByTestId('appointment-reminders')).toBeVisible();
    await page.screenshot({ path: screenshotPath('calendar-invitation-opened-from-the-bell') });
    await page.keyboard.press('Escape');
    await reopen(page, '/calendar/cartable');
    const row = page.getByTestId('cartable-item').filter({ hasText: subject });
    await expect(row.getByTestId('cartable-attendee')).toContainText('دعوت‌شده');
    await row.getByTestId('cartable-accepted').click();
    await expect(row.getByTestId('cartable-attendee')).toContainText('لیلا جعفری · می‌آید');
    // Opened, the appointment shows the answer chosen; changing it is one click.
    await row.getByTestId('cartable-subject').click();
    const details = page.getByTestId('appointment-dialog');
    await expect(details.getByTestId('answer-accepted')).toHaveClass(/MuiButton-contained/);
    await details.getByTestId('answer-maybe').click();
    await expect(details.getByTestId('answer-maybe')).toHaveClass(/MuiButton-contained/);
  } finally {
    // Back to the administrator, as every other test expects (a fresh page: no dialog open).
    await reopen(page, '/settings');
    await signOut(page);
    await signInIfAsked(page);
  }
});

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-sign-out').click();
  await expect(page.getByTestId('session-overlay')).toHaveAttribute('data-state', 'signed-out');
}

/** Signs out and in again as a demo user (every demo user has the demo password). */
async function signInAs(page: Page, username: string, displayName: string) {
  await reopen(page, '/settings');
  await signOut(page);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('session-overlay')).toBeHidden();
  await expect(page.getByTestId('signed-in-user')).toHaveText(displayName);
}

test('screens: week, month and timeline in Persian and English at 1024 and 1366 px', async ({ page }) => {
  const date = workingDay(0, 0);
  await inEachLanguage(page, async (language) => {
    await go(page, `/calendar?date=${date}`);
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 800 });
      for (const view of ['week', 'month', 'timeline'] as const) {
        await page.getByTestId(`view-${view}`).click();
        await expect(page.getByTestId('calendar-body')).toHaveAttribute('data-loaded', 'true');
        await expect(page.getByTestId(`${view}-view`)).toBeVisible();
        // The headers are Jalali, with Persian digits in Persian.
        await expect(page.getByTestId('range-title')).toContainText(language === 'fa' ? /[۰-۹]{4}/ : /\d{4}/);
        await page.screenshot({ path: screenshotPath(`calendar-${view}-${language}-${width}`) });
      }
    }
  });
});

/**
 * Runs `shoot` once with the app in Persian and once in English (switched in Settings), and
 * leaves the page as the other tests expect it: Persian, 1280 px wide.
 */
async function inEachLanguage(page: Page, shoot: (language: 'fa' | 'en') => Promise<void>) {
  await reopen(page, '/settings');
  try {
    for (const language of ['fa', 'en'] as const) {
      await go(page, '/settings');
      await page.getByTestId(`language-${language}`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await shoot(language);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await go(page, '/settings');
    await page.getByTestId('language-fa').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  }
}

test('screens: a "+N" marker and its open list in the week view, in Persian and English at 1024 and 1366 px', async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const writable = calendars.filter((c) => c.kind === 'regular' && c.access === 'read-write');
  const date = workingDay(10, 1);
  const word = uniqueWord();
  // Fourteen overlapping appointments over two calendars (two colours in the list).
  for (let i = 0; i < 14; i++) {
    const calendarId = writable[i % writable.length]!.id;
    await callHost('calendar.appointments.create', { calendarId, subject: `جلسهٔ ${word} ${i + 1}`, start: `${date}T${String(9 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`, end: `${date}T12:30`, notify: [] });
  }
  await inEachLanguage(page, async (language) => {
    await go(page, `/calendar?date=${date}`);
    await page.getByTestId('view-week').click();
    await page.getByTestId('hours-working').click();
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 800 });
      const marker = page.getByTestId(`column-${date}`).getByTestId('more-marker');
      await expect(marker).toHaveCount(1);
      await expect(marker).toHaveText(language === 'fa' ? /^\+[۰-۹]+$/ : /^\+\d+$/);
      await page.screenshot({ path: screenshotPath(`calendar-more-marker-${language}-${width}`) });
      await marker.click();
      await expect(page.getByTestId('more-list')).toBeVisible();
      // Once the list has faded in, not half-way.
      await expect(page.getByTestId('more-list')).toHaveCSS('opacity', '1');
      await page.screenshot({ path: screenshotPath(`calendar-more-list-${language}-${width}`) });
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('more-list')).toBeHidden();
    }
  });
});

/** Now in Tehran as a local date and minutes after midnight. */
function tehranNow(): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const persianDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

test("the dashboard's today list: mine, earliest first, ended ones gone; the subject opens the appointment, the name the identity", async ({ page }) => {
  await openApp(page);
  const calendars = await callHost<{ id: string; kind: string; access: string }[]>('calendar.calendars.list', {});
  const calendarId = calendars.find((c) => c.kind === 'regular' && c.access === 'read-write')!.id;
  const person = (await callHost<{ items: { id: string; displayName: string }[] }>('identities.list', { kind: 'person', limit: 1 })).items[0]!;
  const now = tehranNow();
  // Both still running at the end of today (the administrator coordinates them): the later
  // one is booked first, so the order shown is the list's own.
  const early = { subject: `صبحانه ${uniqueWord()}`, start: Math.max(0, now.minutes - 30) };
  const late = { subject: `دیدار ${uniqueWord()}`, start: early.start + 1 };
  const book = async (subject: string, start: string, end: string, identityId?: string) =>
    (await callHost<{ id: string }>('calendar.appointments.create', { calendarId, subject, start, end, notify: [], ...(identityId ? { identityId } : {}) })).id;
  const lateId = await book(late.subject, `${now.date}T${hhmm(late.start)}`, `${now.date}T23:59`, person.id);
  await book(early.subject, `${now.date}T${hhmm(early.start)}`, `${now.date}T23:59`);
  // One that ended an hour ago, when today has had that long.
  const ended = `گذشته ${uniqueWord()}`;
  if (now.minutes >= 120) await book(ended, `${now.date}T${hhmm(now.minutes - 120)}`, `${now.date}T${hhmm(now.minutes - 60)}`);

  await reopen(page, '/');
  const list = page.getByTestId('today-appointments');
  await expect(list.getByTestId('today-item').filter({ hasText: late.subject })).toBeVisible();
  const subjects = await list.getByTestId('today-subject').allInnerTexts();
  expect(subjects.indexOf(early.subject)).toBeGreaterThanOrEqual(0);
  expect(subjects.indexOf(early.subject)).toBeLessThan(subjects.indexOf(late.subject));
  expect(subjects).not.toContain(ended);
  const lateItem = list.getByTestId('today-item').filter({ hasText: late.subject });
  await expect(lateItem).toContainText(`${persianDigits(hhmm(late.start))}–${persianDigits('23:59')}`);

  // The subject opens the appointment in the calendar.
  await lateItem.getByTestId('today-subject').click();
  await expect(page).toHaveURL(new RegExp(`#/calendar\\?open=${lateId}`));
  const dialog = page.getByTestId('appointment-dialog');
  await expect(dialog.getByTestId('subject')).toHaveValue(late.subject);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The identity's name opens the identity.
  await reopen(page, '/');
  const identity = page.getByTestId('today-appointments').getByTestId('today-item').filter({ hasText: late.subject }).getByTestId('today-identity');
  await expect(identity).toHaveText(person.displayName);
  await identity.click();
  await expect(page).toHaveURL(new RegExp(`#/identities/${person.id}`));
  await expect(page.getByTestId('profile-name')).toHaveText(person.displayName);
});
