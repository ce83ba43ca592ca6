/**
 * The calendar's figures (issue 7), on the week calendar-data.ts fills: 20 calendars, 2,000
 * occurrences in one week, a third of them from repeating series.
 *
 * - calendar_week_api: the backend lists and expands that week for the administrator (who
 *   reads every calendar), in process.
 * - calendar_week: in Chromium against the web host (1366×768, working hours), from the
 *   dashboard to the week view drawn with every timed item of the week in the page, either
 *   as its own box (colour, tab stop, aria-label) or inside the "+N" marker of a stretch
 *   with more lanes than fit readably (collapseLanes), every marker drawn, and the text of
 *   the boxes a person can see (in the scrolled-to hours, in lanes wide enough for it:
 *   shownText.ts) — the API call over the socket and the rendering together, as the person
 *   waits (goal p50 ≤ 100 ms). `items_in_page` (timed items in the shown hours) =
 *   `items_drawn` + `items_in_markers`, behind `markers` markers; `items_with_text` of the
 *   drawn ones write their text; `api_p50` repeats the backend's share from
 *   calendar_week_api, `render_p50` is what is left of the wait.
 * - free_slots: the conflict check of a one-hour booking with a room and two mandatory
 *   attendees at a random working hour of the crowded week, with the next three free slots
 *   of the same length (goal p50 ≤ 20 ms).
 */
import { createBackend } from '../../main/backend';
import { fixedClock } from '../../db/ids';
import { AppointmentCreate } from '../../main/calendar/schema';
import type { CalendarService } from '../../main/calendar/service';
import type { OrganisationService } from '../../main/organisation/service';
import type { SessionService } from '../../main/session/service';
import { sample, startUiBench, timeNavigation, traceTo, waitRendered, withMainThreadCpu } from './browser';
import { BENCH_WEEK, seedCalendarWeek } from './calendar-data';
import { print, timeEach } from './figures';

const WEEK_DAY = '2025-04-27';
const BODY = '[data-testid="calendar-body"][data-loaded="true"]';
/** The administrator's password on the bench's own store. */
const ADMIN_PASSWORD = 'bench-calendar-1404';

export async function benchCalendar(quick: boolean, dataDir: string): Promise<void> {
  // The backend lives on the Friday evening before the bench week, so the free slots are
  // searched through that crowded week rather than in the empty weeks after today.
  const backend = await createBackend({ dataDir, clock: fixedClock(Date.parse('2025-04-25T16:00:00Z')), logger: { info() {}, warn() {}, error() {} } });
  let apiP50: number;
  try {
    const svc = backend.service<CalendarService>('calendar');
    const org = backend.service<OrganisationService>('organisation');
    // First start: the administrator sets a password and is signed in (the UI signs in with it below).
    backend.service<SessionService>('session').setUp(ADMIN_PASSWORD);
    const admin = backend.caller();
    const t0 = performance.now();
    const data = seedCalendarWeek(svc, org, admin);
    console.error(`bench: calendar week filled (${data.occurrences} occurrences) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const runs = quick ? 30 : 200;
    const listed = svc.list({ ...BENCH_WEEK, people: false }, admin);
    const api = await timeEach(Array.from({ length: runs }, () => null), () => svc.list({ ...BENCH_WEEK, people: false }, admin), quick ? 5 : 20);
    apiP50 = api.p50;
    print({ figure: 'calendar_week_api', unit: 'ms', calendars: data.calendarIds.length, occurrences: listed.occurrences.length, ...api });

    // Random working hours of the crowded week: most of them clash, as a booking there would.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const days = ['2025-04-26', '2025-04-27', '2025-04-28', '2025-04-29', '2025-04-30', '2025-05-01'];
    const inputs = Array.from({ length: quick ? 60 : 400 }, () => {
      const day = days[Math.floor(next() * days.length)]!;
      const hour = 8 + Math.floor(next() * 8);
      const hh = (h: number) => String(h).padStart(2, '0');
      return AppointmentCreate.parse({
        calendarId: data.calendarIds[Math.floor(next() * data.calendarIds.length)]!,
        subject: 'جلسه',
        start: `${day}T${hh(hour)}:00`,
        end: `${day}T${hh(hour + 1)}:00`,
        location: { kind: 'room', roomId: data.roomIds[Math.floor(next() * data.roomIds.length)]! },
        attendees: ((first) => [first, (first + 1 + Math.floor(next() * (data.userIds.length - 1))) % data.userIds.length])(Math.floor(next() * data.userIds.length)).map(
          (i) => ({ kind: 'user', userId: data.userIds[i]!, mandatory: true }),
        ),
        notify: [],
      });
    });
    let clashing = 0;
    let proposals = 0;
    for (const x of inputs) {
      const r = svc.check(x, admin);
      if (r.conflicts.length > 0) clashing += 1;
      proposals += r.proposals.length;
    }
    const slots = await timeEach(inputs, (x) => svc.check(x, admin), quick ? 5 : 20);
    print({ figure: 'free_slots', unit: 'ms', clashing: clashing / inputs.length, proposals_per_check: proposals / inputs.length, ...slots });
  } finally {
    await backend.close();
  }

  const ui = await startUiBench({ dataDir, adminPassword: ADMIN_PASSWORD });
  try {
    const { page } = ui;
    if (await page.locator('[data-testid="session-overlay"]').isVisible()) {
      await page.locator('[data-testid="sign-in-username"]').fill('admin');
      await page.locator('[data-testid="sign-in-password"]').fill(ADMIN_PASSWORD);
      await page.locator('[data-testid="sign-in-submit"]').click();
      await page.locator('[data-testid="session-overlay"]').waitFor({ state: 'hidden' });
    }
    const path = `/calendar?date=${WEEK_DAY}`;
    // The week view with working hours, remembered for the administrator from here on.
    await page.evaluate((p) => {
      window.location.hash = `#${p}`;
    }, path);
    await waitRendered(page, { selector: BODY });
    await page.locator('[data-testid="view-week"]').click();
    await page.locator('[data-testid="hours-working"]').click();
    await waitRendered(page, { selector: '[data-testid="week-view"]' });
    await waitRendered(page, { selector: BODY });
    // The clicks above left the mouse resting on the hours toggle, where Chromium may
    // hit-test it after the measured navigation's layouts (a trace showed hit tests; that is
    // the harness's mouse, not part of what a person waits for). Parked outside the page;
    // the start and stop points of the figure are unchanged.
    await page.mouse.move(-1, -1);
    const count = Number(await page.locator(BODY).getAttribute('data-count'));
    const view = page.locator(`${BODY} [data-testid="week-view"][data-items]`);
    const said = async (name: string) => Number(await view.getAttribute(`data-${name}`));
    const [items, drawn, texts, markers, hidden] = [await said('items'), await said('drawn'), await said('texts'), await said('markers'), await said('hidden')];
    // The page really holds them: every drawn item's box, text in as many as the view says,
    // every marker, and the markers' counts add up to the rest.
    const inPage = await page.locator(`${BODY} [data-testid="appointment"]`).count();
    const withText = await page.locator(`${BODY} [data-testid="appointment"][data-time]`).count();
    const counted = await page.locator(`${BODY} [data-testid="more-marker"]`).evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
    const inMarkers = counted.reduce((a, b) => a + b, 0);
    if (inPage !== drawn || withText !== texts || counted.length !== markers || inMarkers !== hidden || drawn + hidden !== items) {
      throw new Error(`bench: the week view says ${items} items, ${drawn} drawn (${texts} with text), ${hidden} in ${markers} markers; the page holds ${inPage} (${withText}), ${inMarkers} in ${counted.length}`);
    }
    // Done when the view reports the same numbers and holds every box and every marker.
    const shown = `${BODY}[data-count="${count}"] [data-testid="week-view"][data-items="${items}"][data-drawn="${drawn}"][data-texts="${texts}"][data-markers="${markers}"]`;
    const toWeek = async () => {
      await page.evaluate(() => {
        window.location.hash = '#/';
      });
      await waitRendered(page, { selector: '[data-testid="today"]' });
      return () => timeNavigation(page, path, { selector: `${shown} [data-testid="appointment"], ${shown} [data-testid="more-marker"]`, count: drawn + markers });
    };
    const week = await sample(quick ? 8 : 30, async () => withMainThreadCpu(page, await toWeek()), quick ? 1 : 3);
    const traceFile = process.env.DAFTAR_BENCH_TRACE;
    if (traceFile) await traceTo(page, traceFile, await toWeek());
    print({
      figure: 'calendar_week',
      unit: 'ms',
      measures: 'dashboard → week view: API + every timed item in the page (drawn, or in a "+N" marker), text in those seen',
      occurrences: count,
      items_in_page: items,
      items_drawn: drawn,
      items_in_markers: hidden,
      markers,
      items_with_text: texts,
      api_p50: apiP50, render_p50: Math.round((week.p50 - apiP50) * 10) / 10,
      ...week,
    });
  } finally {
    await ui.close();
  }
}
