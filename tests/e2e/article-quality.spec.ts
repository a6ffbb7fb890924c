// Whole-article checks: accessibility (axe), a 375 px phone with touch, no console errors and
// no request leaving the origin while every widget runs, and a clear message when WASM fails.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Scrolls through the page so every demo mounts and starts. */
async function visitAll(page: Page): Promise<void> {
  for (const id of [
    'relu-plot-widget',
    'matrix-widget',
    'code-widget',
    'bench-widget',
    'cost-widget',
    'conv-widget',
    'fold-widget',
    'train-widget',
    'depth-widget',
    'gaz-widget',
    'dying-widget',
    'dead-init-widget',
    'faq',
  ]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
  }
}

test('no serious or critical axe violations, with every widget live', async ({ page }) => {
  await page.goto('./');
  await visitAll(page);
  await page.getByTestId('bench-quick').click();
  await expect(page.locator('#bench-widget')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('no console errors and no request leaves the origin', async ({ page, baseURL }) => {
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(baseURL!).origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.goto('./');
  await visitAll(page);
  await page.getByTestId('bench-quick').click();
  await expect(page.locator('#bench-widget')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  // The training demos wait for Play.
  await expect(page.locator('#dying-widget')).toHaveAttribute('data-state', 'idle');
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
});

test.describe('on a 375 px phone with touch', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('nothing overflows sideways and the plot answers a tap', async ({ page }) => {
    await page.goto('./');
    await visitAll(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    for (const id of [
      'relu-plot',
      'example-input',
      'matrix-after',
      'conv-after',
      'train-boundary',
      'vg-norms',
      'vg-loss-chart',
      'fold-relu-boundary',
      'fold-sparsity',
      'dying-chart-high',
      'dying-units-leaky',
      'gaz-dots-0',
      'dying-units-high',
    ]) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(375.5);
    }
    const plot = page.getByTestId('relu-plot').getByTestId('plot');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.15, box.y + box.height * 0.4);
    await expect(page.getByTestId('probe-x')).toHaveText(/^-/);
  });
});

test('if WebAssembly cannot load, the widgets say so and the prose stays', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText('unavailable');
  await expect(page.locator('#relu-plot-widget .widget-error')).toContainText('WebAssembly could not start');
  await expect(page.locator('#dying-widget .widget-error')).toBeVisible();
  await expect(page.locator('#example-status')).toContainText('WebAssembly could not start');
  await expect(page.locator('#definition p').first()).toContainText('activation function');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the prose reads and each widget says it needs JavaScript', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('noscript')).toHaveCount(1);
    await expect(page.locator('#faq')).toContainText('PyTorch');
    await expect(page.getByTestId('code-numpy')).toContainText('return np.maximum(0, x)');
    const fallbacks = page.locator('.widget-fallback');
    expect(await fallbacks.count()).toBeGreaterThanOrEqual(7);
    await expect(fallbacks.first()).toContainText('needs JavaScript');
  });
});
