// Section 4's activation cost table (cost-widget.ts): pressing cost-run (by keyboard) fills one
// row per activation, in order, each with a positive, finite ns/element; at 1280 and 375 px,
// nothing overflows the page, nothing violates the site's strict CSP, and axe finds nothing
// serious. Only the structure and finiteness
// of the timings are asserted, never how they compare (that depends on the machine).
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Presses cost-run by keyboard and waits for the table; returns console errors and CSP violations seen. */
async function runCostTable(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText(/wasm-(simd|scalar)/);
  const button = page.getByTestId('cost-run');
  await button.scrollIntoViewIfNeeded();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#cost-widget')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  return problems;
}

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('cost-run fills four rows with positive, finite ns per element', async ({ page }) => {
      const problems = await runCostTable(page);
      const rows = page.getByTestId('cost-table').locator('tbody tr');
      await expect(rows).toHaveCount(4);
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-activation')));
      expect(ids).toEqual(['relu', 'leaky_relu', 'sigmoid', 'tanh']);
      const ns = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-ns-per-element'))));
      for (const v of ns) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThan(0);
      }
      await expect(page.getByTestId('cost-status')).toContainText('Done');
      // Numbered by the article's figure counter (web/site/article/numbering.css), like every figure.
      expect(await page.locator('#cost-caption').evaluate((e) => getComputedStyle(e, '::before').content)).toBe(
        '"Figure " counter(figure) ". "',
      );
      // The button works again (a second measurement replaces the rows).
      await expect(page.getByTestId('cost-run')).toBeEnabled();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const table = (await page.getByTestId('cost-table').boundingBox())!;
      expect(table.x + table.width).toBeLessThanOrEqual(width + 0.5);
      expect(problems).toEqual([]); // no console error, no CSP violation (the site's strict CSP)
    });

    test('no serious or critical axe violations in the cost figure', async ({ page }) => {
      await runCostTable(page);
      const results = await new AxeBuilder({ page }).include('#cost-widget').analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  });
}
