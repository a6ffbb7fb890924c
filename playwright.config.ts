// End-to-end tests of the built site (dist-site/) in Debian's Chromium. The preview server
// uses its own port so `npm test` can run while `npm start` serves on 5173.
import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './web/scripts/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4391);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx vite preview --config web/site/vite.config.ts --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
