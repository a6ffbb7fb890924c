// Every built page is served with the strict Content-Security-Policy header and runs under it
// with zero violations and no console errors: no inline script or style, no eval, WASM
// allowed by 'wasm-unsafe-eval'. The pages Vite builds also carry the policy in a <meta> tag
// (for hosts that cannot set headers); the TypeDoc reference under api/ is checked through
// its index, the documents and one page of each kind.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

const siteDir = process.env.SITE_OUT_DIR ?? fileURLToPath(new URL('../../dist-site', import.meta.url));
// The API reference has a page per symbol; its index, its documents and one page of each
// kind stand for the rest (they share the same scripts and styles).
const API_SAMPLE =
  /^api\/(index|modules|hierarchy)\.html$|^api\/documents\/|^api\/classes\/.*ReluPlotElement|^api\/functions\/.*loadRelu|^api\/interfaces\/.*LoadReluOptions/;
const pages = readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.html') && (!f.startsWith('api/') || API_SAMPLE.test(f)))
  .map((f) => relative(siteDir, join(siteDir, f)));

for (const page of pages) {
  test(`${page} runs under the strict CSP without violations`, async ({ page: tab }) => {
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await tab.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await tab.goto(`./${page}`);
    expect(response?.headers()['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
    );
    if (!page.startsWith('api/')) {
      await expect(tab.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
        'content',
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
      );
    }
    await tab.waitForLoadState('load');
    // Let widgets start (WASM instantiation, workers, first frames).
    await tab.waitForTimeout(1500);
    expect(problems).toEqual([]);
  });
}

test('the build has no data: URIs in its HTML or CSS (img-src and style-src would block them)', () => {
  const offenders = readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(html|css|svg)$/.test(f))
    .filter((f) => /url\(\s*["']?data:|(src|href)\s*=\s*["']data:/i.test(readFileSync(join(siteDir, f), 'utf8')));
  expect(offenders).toEqual([]);
});

test('the CNN figure loads its data, starts its worker and trains under the strict CSP', async ({ page }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto('./');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await page.getByTestId('cnn-train').click();
  // The worker (a module worker running WASM) has trained part of an epoch and drawn epoch 0.
  await expect(page.getByTestId('cnn-filters')).toHaveAttribute('data-epoch', '0', { timeout: 180_000 });
  await expect(page.getByTestId('cnn-epoch-progress')).not.toHaveJSProperty('value', 0, { timeout: 120_000 });
  await page.getByTestId('cnn-train').click();
  expect(problems).toEqual([]);
});
