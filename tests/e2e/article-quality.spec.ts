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
    'references',
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
    // Figures are numbered by a CSS counter (its value cannot be read back, so the rules are
    // checked: main resets it, every figure.widget counts, the fallback shows it).
    expect(await page.locator('main').evaluate((e) => getComputedStyle(e).counterReset)).toBe('figure 0');
    for (const increment of await page
      .locator('main figure.widget')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).counterIncrement)))
      expect(increment).toBe('figure 1');
    expect(await fallbacks.first().evaluate((e) => getComputedStyle(e, '::before').content)).toBe(
      '"Figure " counter(figure) ". "',
    );
    // A figure with a caption in the page numbers the caption, not also its fallback.
    expect(
      await page.locator('#matrix-widget > figcaption').evaluate((e) => getComputedStyle(e, '::before').content),
    ).toBe('"Figure " counter(figure) ". "');
    expect(
      await page.locator('#matrix-widget > .widget-fallback').evaluate((e) => getComputedStyle(e, '::before').content),
    ).toBe('none');
    await expect(page.getByTestId('reference')).toHaveCount(await page.locator('#references li').count());
    expect(await page.getByTestId('reference').count()).toBeGreaterThanOrEqual(11);
    await expect(page.locator('a.cite[href="#ref-nair2010"]').first()).toHaveText('[2]');
    await page.locator('a.cite[href="#ref-he2015"]').first().click();
    await expect(page).toHaveURL(/#ref-he2015$/);
    await expect(page.getByTestId('code-cpp-path')).toHaveText('cpp/kernels/f32_vrelu_wasmsimd.cc');
  });
});

test('citation and figure numbers follow the bibliography and the figures, with JavaScript', async ({ page }) => {
  await page.goto('./');
  const ids = await page.getByTestId('reference').evaluateAll((els) => els.map((e) => e.id));
  const cites = await page
    .locator('a.cite')
    .evaluateAll((els) => els.map((a) => [(a as HTMLAnchorElement).hash.slice(1), a.textContent]));
  expect(cites.length).toBeGreaterThanOrEqual(10);
  for (const [id, text] of cites) expect(text, id!).toBe(`[${ids.indexOf(id!) + 1}]`);
  const figures = await page.locator('main figure.widget').evaluateAll((els) => els.map((e) => e.id));
  for (const a of await page.locator('a[data-figref]').all()) {
    const id = (await a.getAttribute('href'))!.slice(1);
    await expect(a).toHaveText(`Figure ${figures.indexOf(id) + 1}`);
  }
  // Every mounted figure has a caption, which the CSS counter numbers.
  for (const id of ['relu-plot-widget', 'matrix-widget', 'bench-widget', 'conv-widget', 'train-widget', 'gaz-widget']) {
    const caption = page.locator(`#${id} > figcaption`);
    await expect(caption).toHaveCount(1);
    expect(await caption.evaluate((e) => getComputedStyle(e, '::before').content)).toBe(
      '"Figure " counter(figure) ". "',
    );
  }
  // The conclusion's He initialisation links to where the article introduces it.
  await expect(page.locator('#faq a[href="#depth"]')).toHaveCount(1);
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('nothing trains by itself and CSS transitions are off', async ({ page }) => {
    await page.goto('./');
    for (const id of ['train-widget', 'gaz-widget']) {
      const widget = page.locator(`#${id}`);
      await widget.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await expect(widget).toHaveAttribute('data-state', 'idle');
    }
    const play = page.getByTestId('gaz-play');
    expect(await play.evaluate((e) => getComputedStyle(e).transitionDuration)).toBe('0s');
  });
});
