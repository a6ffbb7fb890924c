// Shared by the benchmark runners: serve a built site with Vite's preview server in this
// process, open Chromium (web/scripts/chromium.mjs), hand both to the caller, close both.
import { join } from 'node:path';

import { preview } from 'vite';

import { launchChromium } from '../scripts/chromium.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const SITE_CONFIG = join(ROOT, 'web/site/vite.config.ts');

/**
 * Runs fn(browser, origin) with the site (SITE_OUT_DIR, else dist-site/) served on port and
 * a headless Chromium open; returns what fn returns.
 */
export async function withSiteInChromium(port, fn) {
  const server = await preview({ configFile: SITE_CONFIG, preview: { port, strictPort: true }, logLevel: 'warn' });
  try {
    const browser = await launchChromium();
    try {
      return await fn(browser, `http://127.0.0.1:${port}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

/** A new tab, left idle on about:blank for settleMs first (none if 0: a just-opened tab). */
export async function newSettledPage(browser, settleMs) {
  const page = await browser.newPage();
  if (settleMs > 0) {
    await page.goto('about:blank');
    await page.waitForTimeout(settleMs);
  }
  return page;
}

/**
 * Navigates page to the load page at url and returns its result ({ ms, ok, ... }), awaited by
 * its console message rather than a locator: a locator wait injects Playwright's script
 * (about 12 ms on the page's main thread) mid-load.
 */
export async function loadPageResult(page, url) {
  const done = page.waitForEvent('console', {
    predicate: (m) => m.text().startsWith('bench-load '),
    timeout: 30_000,
  });
  await page.goto(url, { waitUntil: 'commit' });
  return JSON.parse((await done).text().slice('bench-load '.length));
}
