// npm run bench:train (second half) — the same training benchmark in headless Chromium, on
// the built site (dist-site/) served by Vite's preview server in this process.
import { chromium } from '@playwright/test';
import { preview } from 'vite';

const port = Number(process.env.BENCH_PORT ?? 4399);
const server = await preview({
  configFile: 'web/site/vite.config.ts',
  preview: { port, strictPort: true },
  logLevel: 'warn',
});
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/checks/train-bench.html`);
  const result = page.getByTestId('train-bench-result');
  await page.locator('[data-testid="train-bench-result"][data-done="true"]').waitFor({ timeout: 180_000 });
  console.log(`Chromium ${browser.version()}\n${await result.textContent()}`);
  await browser.close();
} finally {
  await server.close();
}
