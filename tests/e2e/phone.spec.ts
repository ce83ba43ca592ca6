/**
 * The receptionist's phone, end to end: the real UI in Chromium (fake microphone and
 * speaker), the real backend of the suite's web host, a real Kamailio with digest auth, and
 * sipp and SIP.js far ends. The SIP account is set in Settings → Calls; an incoming call from
 * sipp pops the caller's Persian name, is answered (the page's media engine makes the WebRTC
 * answer) and hung up, the log form is filled, and the identity's history shows the call.
 */
import { WebSocket } from 'ws';
import type { Page } from '@playwright/test';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { sipp, startSipp } from '../services/sip/sipp';
import { account, makePhone, type TestPhone } from '../phone/softphone-fixture';
import { DEMO_PASSWORD, expect, hostUrl, openApp, screenshotPath, test, uniqueDigits, uniqueWord } from './fixtures';

// Generous: the machines are small and busy, and each test takes screenshots at two widths.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

const suffix = uniqueWord();
const digits = uniqueDigits();
const fullName = `مریم کریمی ${suffix}`;
/** The identity's number as typed, and as the PBX sends it (another format). */
const seven = `7${digits.latin}12`;
const mobile = `0912 ${seven.slice(0, 3)} ${seven.slice(3)}`;
const e164 = `+98${mobile.replace(/\D/g, '').slice(1)}`;
let identityId = '';
let pbx: Kamailio;
const farEnds: TestPhone[] = [];

/** Calls the web host's API from Node, as a window would (the suite's token). */
async function rpc<T = unknown>(method: string, input: unknown): Promise<T> {
  const url = new URL(hostUrl());
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    return await new Promise<T>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: { ok: boolean; value?: T; error?: unknown } };
        if (frame.t !== 'result' || frame.id !== 1) return;
        if (frame.result?.ok) resolve(frame.result.value as T);
        else reject(new Error(`${method}: ${JSON.stringify(frame.result?.error)}`));
      });
      ws.send(JSON.stringify({ t: 'call', id: 1, method, input }));
    });
  } finally {
    ws.close();
  }
}

test.beforeAll(async () => {
  pbx = await startKamailio({ auth: true });
  // The session belongs to the desk: the administrator signs in once for this spec's own calls.
  await rpc('session.signIn', { username: 'admin', password: DEMO_PASSWORD });
  identityId = (await rpc<{ id: string }>('identities.create', { kind: 'person', firstName: 'مریم', lastName: `کریمی ${suffix}`, phones: [{ kind: 'mobile', number: mobile }] })).id;
});

test.afterAll(async () => {
  // The desk's user agent and the far ends first, then the PBX.
  await rpc('phone.account.save', { server: pbx.wsUrl, user: '100', enabled: false }).catch(() => {});
  await Promise.all(farEnds.map((f) => f.phone.stop()));
  await pbx.close();
});

/**
 * openApp (fixtures.ts) with a longer first wait: these tests run with a fake camera and
 * microphone in a browser of their own, and a cold page load on a busy machine can take
 * longer than the suite's usual 15 s.
 */
async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(hostUrl());
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // Then the suite's own way in, now from a warm cache (a fresh document, so the token is read).
  await page.goto('about:blank');
  await openApp(page, path);
}

/** A sipp call from the identity's number rings; once its profile has popped, the popup's “New…” menu is opened. */
async function ringAndOpenNewMenu(page: Page) {
  await open(page, '/');
  const call = startSipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: e164, holdMs: 30_000 });
  const popup = page.getByTestId('incoming-call');
  await expect(popup.getByTestId('caller-name')).toHaveText(fullName);
  // The screen pop's profile first (it moves the focus), then the menu.
  await expect(page.getByTestId('profile-name')).toHaveText(fullName);
  await popup.getByTestId('caller-new-item').click();
  return { call, popup };
}

async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: screenshotPath(`phone-${name}-${width}`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('Settings → Calls saves the desk’s SIP account and the toolbar shows the phone ready', async ({ page }) => {
  await open(page, '/settings');
  await expect(page.getByTestId('phone-toolbar')).toHaveAttribute('data-registration', 'off');
  const form = page.getByTestId('sip-account-form');
  await form.getByTestId('sip-server').fill('http://wrong');
  await form.getByTestId('sip-user').fill('۱۰۰');
  await form.getByTestId('sip-save').click();
  // Refused with the reasons under the fields; what was typed stays.
  await expect(form.getByText('نشانی سرور باید با ws:// یا wss:// شروع شود', { exact: false })).toBeVisible();
  await expect(form.getByTestId('sip-server')).toHaveValue('http://wrong');

  await form.getByTestId('sip-server').fill(pbx.wsUrl);
  // Another spec of the suite's one host may have left a switched-off account behind.
  await form.getByLabel('تلفن روشن باشد').check();
  await form.getByTestId('sip-user').fill('100');
  await form.getByTestId('sip-password').fill(pbx.password);
  await form.getByTestId('sip-save').click();
  await expect(form.getByText('حساب تلفن ذخیره شد.')).toBeVisible();
  await expect(page.getByTestId('phone-toolbar')).toHaveAttribute('data-registration', 'registered');
  await expect(form.getByTestId('sip-password')).toHaveValue('');
  await expect(form.getByText('رمز ذخیره شده است', { exact: false })).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await shots(page, 'settings');
});

test('an incoming call pops the caller’s Persian name, is answered, hung up and logged into their history', async ({ page }) => {
  await open(page, '/');
  const call = startSipp(pbx, { scenario: 'answered-desk-hangs-up', to: '100', caller: e164, answerWithinMs: 30_000 });
  const popup = page.getByTestId('incoming-call');
  await expect(popup.getByTestId('caller-name')).toHaveText(fullName);
  // The screen pop opened the caller's profile.
  await expect(page).toHaveURL(new RegExp(`#/identities/${identityId}$`));
  await expect(page.getByTestId('profile-name')).toHaveText(fullName);
  await shots(page, 'incoming');

  await popup.getByTestId('answer').click();
  await expect(popup).toBeHidden();
  await page.getByTestId('open-calls').click();
  const card = page.getByTestId('call-card');
  await expect(card).toHaveAttribute('data-state', 'connected');
  await expect(card.getByTestId('call-name')).toHaveText(fullName);
  await shots(page, 'in-call');
  await card.getByRole('button', { name: 'قطع' }).click();
  expect((await call.done).successful).toBe(1);

  const form = page.getByTestId('call-log-form');
  await expect(form).toBeVisible();
  await form.getByTestId('log-subject').fill('پیگیری سفارش');
  await form.getByTestId('log-summary').fill('قرار شد پیش‌فاکتور فرستاده شود.');
  // Escape asks before throwing typed text away; "keep editing" keeps every word.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-keep').click();
  await expect(form.getByTestId('log-summary')).toHaveValue('قرار شد پیش‌فاکتور فرستاده شود.');
  await shots(page, 'log-form');
  await form.getByRole('combobox', { name: 'پیگیری' }).click();
  await page.getByRole('option', { name: 'فردا' }).click();
  await form.getByTestId('log-save').click();
  await expect(form).toBeHidden();

  await page.getByRole('tab', { name: 'سوابق' }).click();
  const item = page.getByTestId('timeline-call').first();
  await expect(item.getByTestId('timeline-call-subject')).toHaveText('پیگیری سفارش');
  await expect(item).toContainText('پاسخ داده شد');
  await expect(item).toContainText('قرار شد پیش‌فاکتور فرستاده شود.');
  // The number in the history can be called back like any number shown.
  await expect(item.getByTestId('click-to-call')).toBeVisible();
  await shots(page, 'history');
});

test('an unknown caller: the popup offers a new identity with the number filled in', async ({ page }) => {
  await open(page, '/');
  const unknown = `02166${digits.latin}11`;
  const call = startSipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: unknown, display: '"<b>Not bold</b>"', holdMs: 8_000 });
  const popup = page.getByTestId('incoming-call');
  await expect(popup.getByTestId('caller-name')).toHaveText('<b>Not bold</b>');
  await expect(popup.getByTestId('caller-number')).toHaveText(unknown.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));
  await popup.getByTestId('new-identity').click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('phone-number-0')).toHaveValue(unknown);
  await call.done;
});

test('an unknown caller is added to an existing identity; the form outlives the ringing', async ({ page }) => {
  const company = `شرکت ${suffix}`;
  const companyId = (await rpc<{ id: string }>('identities.create', { kind: 'organisation', organisationName: company })).id;
  await open(page, '/');
  const unknown = `02177${digits.latin}22`;
  // Long enough for a busy machine to show the popup and open the form while it still rings.
  const call = startSipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: unknown, holdMs: 12_000 });
  const popup = page.getByTestId('incoming-call');
  await popup.getByTestId('add-to-existing').click();
  const form = page.getByTestId('add-to-existing-form');
  await expect(form).toBeVisible();
  await call.done;
  // The caller gave up: the popup went, the half-filled form stays.
  await expect(popup).toBeHidden();
  await expect(form).toBeVisible();
  await form.getByTestId('add-identity').fill(company);
  await page.getByRole('option', { name: company }).click();
  await form.getByRole('button', { name: 'افزودن' }).click();
  await expect(form).toBeHidden();
  const identity = await rpc<{ phones: { e164: string | null }[] }>('identities.get', { id: companyId });
  expect(identity.phones.map((p) => p.e164)).toContain(`+98${unknown.slice(1)}`);
});

test('the missed-calls badge counts a missed call; the history filters it and resets the badge', async ({ page }) => {
  await open(page, '/');
  await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: e164, holdMs: 500 });
  const badge = page.getByTestId('missed-badge');
  await expect(badge).not.toHaveAttribute('data-missed', '0');
  await badge.click();
  await expect(page).toHaveURL(/#\/phone$/);
  await page.getByTestId('filter-missed').click();
  const line = page.getByTestId('call-line').first();
  await expect(line).toHaveAttribute('data-outcome', 'missed');
  await expect(line).toContainText(fullName);
  await expect(page.getByTestId('missed-badge')).toHaveAttribute('data-missed', '0');
  await shots(page, 'page');
});

test('click-to-call on the profile’s number, and the dialer taking Persian digits, reach the far end', async ({ page }) => {
  const owner = makePhone(account(pbx, mobile.replace(/\D/g, '')));
  const colleague = makePhone(account(pbx, '302'));
  farEnds.push(owner, colleague);
  await Promise.all([owner.phone.start(), colleague.phone.start()]);
  await Promise.all([owner.registered(), colleague.registered()]);

  await open(page, `/identities/${identityId}`);
  const rings = owner.next('incoming');
  await page.getByTestId('click-to-call').first().click();
  expect((await rings).call.number).toBe('100');
  await page.getByTestId('open-calls').click();
  const card = page.getByTestId('call-card');
  await expect(card).toHaveAttribute('data-state', 'dialing');
  await card.getByRole('button', { name: 'قطع' }).click();
  await expect(card).toBeHidden();
  await page.keyboard.press('Escape');

  const rings2 = colleague.next('incoming');
  await page.getByTestId('open-dialer').click();
  await page.getByTestId('dialer-number').fill('۳۰۲');
  await page.getByTestId('dialer-number').press('Enter');
  expect((await rings2).call.number).toBe('100');
  await page.getByTestId('open-calls').click();
  await page.getByTestId('call-card').getByRole('button', { name: 'قطع' }).click();
  await expect(page.getByTestId('call-card')).toBeHidden();
});

test('in English the phone reads left to right with Latin digits', async ({ page }) => {
  await rpc('settings.update', { language: 'en' });
  try {
    await open(page, '/phone');
    await expect(page.getByRole('heading', { name: 'Phone and calls' })).toBeVisible();
    await expect(page.getByTestId('registration-text')).toHaveText('Phone ready');
    await expect(page.getByTestId('call-line').first()).toContainText(/\d/);
    await shots(page, 'page-en');
    const call = startSipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: e164, holdMs: 30_000 });
    const popup = page.getByTestId('incoming-call');
    await expect(popup.getByTestId('caller-name')).toHaveText(fullName);
    await expect(popup.getByTestId('caller-number')).toHaveText(e164);
    await shots(page, 'incoming-en');
    await popup.getByRole('button', { name: 'Decline' }).click();
    await expect(popup).toBeHidden();
    await call.done;
  } finally {
    await rpc('settings.update', { language: 'fa' });
  }
});

test('with the screen pop on “new task”, a call opens the task form about the caller, which keeps what was typed after the call', async ({ page }) => {
  const subject = `تماس دوباره ${uniqueWord()}`;
  try {
    await open(page, '/settings');
    const choice = page.getByTestId('screen-pop');
    // The radio shows the saved choice, so it turns on once the backend has it (not at the click).
    const newItem = choice.getByRole('radio', { name: 'پروندهٔ تماس‌گیرنده با فرم مورد تازه‌ای برای او باز شود' });
    await newItem.click();
    await expect(newItem).toBeChecked();
    await expect(page.getByText('انتخاب شما ذخیره شد.')).toBeVisible();
    // The forms offered are every feature's new-item forms (notes, tasks, calendar), not a fixed list.
    await page.getByTestId('screen-pop-item').click();
    await expect(page.getByRole('option')).toHaveText(['یادداشت تازه', 'کار تازه', 'قرار ملاقات تازه', 'پیگیری تازه', 'یادآوری تازه']);
    await page.getByTestId('screen-pop-item-task').click();
    await expect(page.getByTestId('screen-pop-item')).toHaveText('کار تازه');
    await choice.scrollIntoViewIfNeeded();
    await shots(page, 'screen-pop-setting');

    // The caller gives up after 4 s: the form must outlive the ringing.
    const call = startSipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: e164, holdMs: 4_000 });
    const form = page.getByTestId('task-dialog');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('task-identity')).toHaveValue(fullName);
    await expect(page).toHaveURL(new RegExp(`#/identities/${identityId}$`));
    await form.getByTestId('task-subject').fill(subject);
    await form.getByTestId('task-description').fill('پیش‌فاکتور را دوباره بفرستید.');
    await shots(page, 'screen-pop-task');
    await call.done;
    await expect(page.getByTestId('incoming-call')).toBeHidden();
    // Escape asks first; keeping on edits keeps every word. A refused save keeps them too.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-keep').click();
    await form.getByTestId('task-save').click();
    await expect(form.getByTestId('task-error')).toBeVisible();
    await expect(form.getByTestId('task-subject')).toHaveValue(subject);
    await expect(form.getByTestId('task-description')).toHaveValue('پیش‌فاکتور را دوباره بفرستید.');
    await expect(form.getByTestId('task-identity')).toHaveValue(fullName);

    const someone = (await rpc<{ users: { displayName: string; active: boolean }[] }>('organisation.get', {})).users.find((u) => u.active)!;
    await form.getByTestId('task-assignees').fill(someone.displayName);
    await page.getByTestId('task-assignees-option').filter({ hasText: someone.displayName }).first().click();
    await form.getByTestId('task-save').click();
    await expect(form).toBeHidden();
    const filed = await rpc<{ rows: { subject: string }[] }>('tasks.cartable', { tab: 'all', identityId });
    expect(filed.rows.map((r) => r.subject)).toContain(subject);
  } finally {
    await rpc('phone.screenPop.set', { action: 'profile' });
  }
});

test('the popup’s “New…” menu lists the features’ new-item forms; a note written from it lands in the caller’s history', async ({ page }) => {
  const body = `قول تماس فردا ${uniqueWord()}`;
  const { call, popup } = await ringAndOpenNewMenu(page);
  await expect(page.getByRole('menuitem')).toHaveText(['یادداشت تازه', 'کار تازه', 'قرار ملاقات تازه', 'پیگیری تازه', 'یادآوری تازه']);
  await page.getByTestId('caller-new-note').click();
  const note = page.getByTestId('new-note-body');
  await note.fill(body);
  // Declined while the note is being written: the call goes, the form and its text stay.
  await popup.getByTestId('decline').click();
  await call.done;
  await expect(popup).toBeHidden();
  await expect(note).toHaveValue(body);
  await page.getByRole('dialog').getByRole('button', { name: 'ثبت یادداشت' }).click();
  await expect(note).toBeHidden();
  await page.getByRole('tab', { name: 'سوابق' }).click();
  await expect(page.getByText(body)).toBeVisible();
});

test('a follow-up about the caller written from the popup’s “New…” menu reaches the dashboard’s follow-up widget', async ({ page }) => {
  const note = `پیش‌فاکتور را برایش بفرست ${uniqueWord()}`;
  const { call, popup } = await ringAndOpenNewMenu(page);
  await page.getByTestId('caller-new-follow-up').click();
  const dialog = page.getByTestId('follow-up-dialog');
  await expect(dialog).toContainText(fullName);
  await dialog.getByTestId('followup-note').fill(note);
  // The caller hangs up while it is being written: the form and its text stay.
  await popup.getByTestId('decline').click();
  await call.done;
  await expect(dialog.getByTestId('followup-note')).toHaveValue(note);
  await dialog.getByTestId('followup-save').click();
  await expect(dialog).toBeHidden();
  await page.goto('about:blank');
  await open(page, '/');
  await expect(page.getByTestId('followup-widget').getByTestId('followups-undated')).toContainText(note);
});
