// Measures the playground's main thread while the default network trains (not a test).
// Usage: node web/site/playground/measure-main-thread.mjs [url]  (serve the site first, e.g. npm start)
// Prints fps, the longest main-thread task (Long Tasks API) and steps/s over 10 s of training.
import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(process.argv[2] ?? 'http://127.0.0.1:5173/playground/');
await page.waitForFunction(() => document.querySelector('[data-testid=train-loss]').textContent !== '–');
await page.waitForTimeout(500);
await page.evaluate(() => { window.__long = []; });
await page.getByTestId('play').click();
const res = await page.evaluate(async () => {
  const s0 = Number(document.querySelector('[data-testid=steps]').textContent);
  let frames = 0; const t0 = performance.now(); let maxGap = 0; let last = t0;
  await new Promise((r) => { const f = (t) => { frames++; maxGap = Math.max(maxGap, t - last); last = t; if (t - t0 < 10000) requestAnimationFrame(f); else r(); }; requestAnimationFrame(f); });
  const dt = (performance.now() - t0) / 1000;
  const s1 = Number(document.querySelector('[data-testid=steps]').textContent);
  return { fps: +(frames / dt).toFixed(1), maxFrameGapMs: maxGap, longTasks: window.__long.length, longestTaskMs: Math.max(0, ...window.__long), stepsPerSec: Math.round((s1 - s0) / dt), loss: document.querySelector('[data-testid=train-loss]').textContent };
});
console.log(JSON.stringify(res));
await browser.close();
