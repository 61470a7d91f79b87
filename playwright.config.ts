import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findBrowser } from './scripts/browser.js';

const port = Number(process.env.E2E_PORT ?? 4174);

// The e2e suite runs against the built app in build/, served as plain static files.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    ...devices['Desktop Chrome'],
    viewport: { width: 390, height: 844 },
    launchOptions: { executablePath: findBrowser(), args: chromiumArgs },
    trace: 'retain-on-failure'
  },
  webServer: {
    command: `node scripts/static-server.js build --port ${port} --quiet`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000
  }
});
