// npm run bench:train (second half) — the same training benchmark in headless Chromium, on
// the built site (dist-site/) served by Vite's preview server in this process.
import { withSiteInChromium } from './browser.mjs';

const port = Number(process.env.BENCH_PORT ?? 4399);
await withSiteInChromium(port, async (browser, origin) => {
  const page = await browser.newPage();
  await page.goto(`${origin}/checks/train-bench.html`);
  const result = page.getByTestId('train-bench-result');
  await page.locator('[data-testid="train-bench-result"][data-done="true"]').waitFor({ timeout: 180_000 });
  console.log(`Chromium ${browser.version()}\n${await result.textContent()}`);
});
