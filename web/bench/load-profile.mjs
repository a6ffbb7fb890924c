// Profiles the load page (checks/bench-load.html) in headless Chromium, as run.mjs measures
// it: per fresh page, the time to first result and the resource timings (start -> end, ms
// after navigation), so the critical path to the first relu() result is visible. Needs the
// site built by `npm run bench` (build/bench/site, or SITE=dir).
// Usage: node web/bench/load-profile.mjs [runs]
// Env: SETTLE=ms (idle time in the open tab before navigating; 0 = navigate a just-opened tab),
// WAIT=console|poll (how the result is awaited), VERBOSE=1 (print each run's resource timings).
import { join } from 'node:path';

import { ROOT, loadPageResult, newSettledPage, withSiteInChromium } from './browser.mjs';

process.env.SITE_OUT_DIR = process.env.SITE ?? join(ROOT, 'build/bench/site');
const runs = Number(process.argv[2] ?? 5);
const port = Number(process.env.BENCH_PORT ?? 4474);
const settle = Number(process.env.SETTLE ?? 800);
const wait = process.env.WAIT ?? 'console';
const url = `http://127.0.0.1:${port}/checks/bench-load.html`;

await withSiteInChromium(port, async (browser) => {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const page = await newSettledPage(browser, settle);
    let ms;
    if (wait === 'console') {
      ms = (await loadPageResult(page, url)).ms;
    } else {
      await page.goto(url);
      const el = page.locator('[data-testid="bench-load-result"][data-ms]');
      await el.waitFor({ timeout: 30_000 });
      ms = Number(await el.getAttribute('data-ms'));
    }
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance
        .getEntriesByType('resource')
        .map(
          (r) =>
            `${r.name.replace(/.*\//, '').padEnd(36)} ${r.startTime.toFixed(1).padStart(7)} -> ${r.responseEnd.toFixed(1).padStart(7)}`,
        );
      return {
        nav: `nav: responseEnd ${nav.responseEnd.toFixed(1)} domInteractive ${nav.domInteractive.toFixed(1)} domContentLoaded ${nav.domContentLoadedEventEnd.toFixed(1)}`,
        res,
      };
    });
    all.push(ms);
    if (process.env.VERBOSE) console.log(`run ${i}: ${ms.toFixed(1)} ms\n  ${t.nav}\n  ${t.res.join('\n  ')}`);
    await page.close();
  }
  console.log(
    `median ${[...all].sort((a, b) => a - b)[Math.floor(all.length / 2)].toFixed(1)} ms of ${all.map((x) => x.toFixed(0)).join(', ')}`,
  );
});
