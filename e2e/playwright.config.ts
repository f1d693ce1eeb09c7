import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the real platform: scripts/stack.mjs builds the web app, recreates the
 * e2e database, clears the e2e Redis keys and runs packages/server's start on port 3100. Chromium is
 * the system one (/usr/bin/chromium); Playwright's own browser downloads are never used.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hetki_e2e';

export default defineConfig({
  testDir: './tests',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node scripts/stack.mjs',
    url: `http://127.0.0.1:${PORT}/readyz`,
    env: { E2E_DATABASE_URL: DATABASE_URL, E2E_PORT: String(PORT) },
    // Always a fresh stack: the script drops the e2e database and the e2e Redis keys first.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGINT', timeout: 20_000 },
  },
});
