/**
 * End-to-end tests: the real UI in Debian's Chromium against one web host (real backend,
 * fresh data folder with demo data) started for the whole run by global-setup.ts.
 * Browsers are never downloaded: /usr/bin/chromium is the one from apt.
 */
import { defineConfig } from '@playwright/test';
import { ARTIFACTS } from './paths';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${ARTIFACTS}/test-results`,
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  // One host, one database: tests run one at a time and use unique names per run.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  // Generous: the machines that run this are small and busy; nothing here is a timing assertion.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
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
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
