/**
 * The contacts page in Chromium against the web host, on the store benchIdentities filled:
 *
 * - contacts_first_page: from the dashboard, go to Contacts → the first 50 rows are drawn.
 * - search_to_results: type a name (first name + three letters of a last name, 80 ms a key,
 *   Arabic ي/ك now and then) → the last key's input event to the matching rows drawn, the
 *   search's debounce included.
 *
 * Goals (issue 5): first page p50 ≤ 100 ms; search p50 ≤ 250 ms with a debounce ≤ 150 ms.
 */
import { SEARCH_DEBOUNCE_MS } from '../../renderer/features/identities/searchDebounce';
import { sample, startUiBench, timeNavigation, timeTyping, waitRendered, withMainThreadCpu, type Rendered } from './browser';
import { print } from './figures';
import { FILL_NAMES } from './identities';

const ROW = '[data-testid="contact-row"]';
const SEARCH = '[data-testid="contacts-search"]';
/** The contacts page's progress bar runs while a search is pending or loading. */
const BUSY = 'main [role="progressbar"]';
const DASHBOARD: Rendered = { selector: '[data-testid="today"]' };
const KEY_DELAY_MS = 80;

export async function benchContactsUi(quick: boolean, dataDir: string, identities: number): Promise<void> {
  // Quick: few runs, so that `npm run bench -- --quick` stays under two minutes on a busy machine.
  const runs = quick ? 8 : 30;
  const warmup = quick ? 1 : 3;
  const ui = await startUiBench({ dataDir });
  try {
    const { page } = ui;

    const firstPage = await sample(runs, async () => {
      await page.evaluate(() => {
        window.location.hash = '#/';
      });
      await waitRendered(page, DASHBOARD);
      return withMainThreadCpu(page, () => timeNavigation(page, '/contacts', { selector: ROW, count: 50 }));
    }, warmup);
    print({ figure: 'contacts_first_page', unit: 'ms', identities, rows: 50, ...firstPage });

    const { first, last } = FILL_NAMES;
    const search = await sample(runs, async (i) => {
      const k = Math.abs(i) * 5;
      const firstName = first[k % first.length]!;
      const lastStart = last[(k * 7) % last.length]!.slice(0, 3);
      const typed = k % 4 === 0 ? `${firstName} ${lastStart}`.replace(/ی/g, 'ي').replace(/ک/g, 'ك') : `${firstName} ${lastStart}`;
      // Start from the unfiltered list, as after opening the page.
      await page.locator(SEARCH).fill('');
      await waitRendered(page, { selector: ROW, count: 50, absent: BUSY });
      return withMainThreadCpu(page, () =>
        timeTyping(page, SEARCH, typed, { selector: ROW, texts: [firstName, lastStart], absent: BUSY }, KEY_DELAY_MS),
      );
    }, warmup);
    print({
      figure: 'search_to_results',
      unit: 'ms',
      identities,
      debounce_ms: SEARCH_DEBOUNCE_MS,
      key_delay_ms: KEY_DELAY_MS,
      ...search,
    });
  } finally {
    await ui.close();
  }
}
