// The convolutional network figure (#cnn-widget, web/site/article/cnn/): Fashion-MNIST fetched
// only when the reader gets near it or presses Train, trained in a worker with the package's
// FASHION_MNIST_CNN_RECIPE, the first layer's filters, one image's feature maps before and after
// ReLU with their zero counts, the comparison with the MLP, 375 px, axe, and the message when the
// data is missing. Results are asserted after a fixed seed and number of epochs, never a time.
//
// One test pauses after the first epoch (>= 80 % test accuracy; the recipe gives 87.5 %); the
// full run trains the recipe's 6 epochs and asserts >= 90 % (90.5 %; 90 % is first reached at
// epoch 5), logging the time from Train to each epoch (the 120 s target is measured,
// not asserted). The same seeds in Node give the same bits: `npm run bench:cnn`.
// Needs the data files (npm run build makes them).
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { FASHION_MNIST_CNN_RECIPE as C } from 'relu-wasm/datasets';

// The long-task check measures wall time on the page's thread: on a loaded machine the OS can
// preempt a 5 ms task past 50 ms (seen at load 20 with two Chromium runs: 76-78 ms tasks at epoch
// ends). Retries make such a run show as flaky instead of failing CI, as in images.spec.ts; a
// real regression fails every try.
test.describe.configure({ retries: 2 });

const DATA = /\/data\/fashion-mnist\//;
const SHOTS = process.env.CNN_SHOTS; // a directory: screenshots are written there when set

/** Records console errors, page errors and the main thread's long tasks. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return problems;
}

const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (t) =>
      (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((e) => e.start >= t),
    since,
  );

/** Distinct colours drawn on a canvas (1 for a blank or flat one). */
const colours = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((canvases: HTMLCanvasElement[]) =>
    canvases.map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    }),
  );

/** Serious or critical axe violations inside the figure. */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('#cnn-widget').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('nothing is fetched before the figure is near; one epoch trains to >= 80 % with filters, feature maps and the MLP beside it', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const problems = await watch(page);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (DATA.test(r.url())) requests.push(r.url().replace(/^.*\/data\/fashion-mnist\//, ''));
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await expect(page.getByTestId('backend')).not.toHaveText('loading…');
  await page.waitForTimeout(1000);
  expect(requests).toEqual([]);
  const figure = page.locator('#cnn-widget');
  await expect(figure).toHaveAttribute('data-state', 'idle');

  // Near the figure, the data loads and fresh networks are drawn (epoch 0); nothing trains.
  await figure.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('cnn-load-status')).toHaveText(/^Loaded .*10\s000 test and 60\s000 training images/, {
    timeout: 180_000,
  });
  expect(requests.filter((r) => r !== 'manifest.json').sort()).toEqual([
    'test.rwis.gz',
    'train-0.rwis.gz',
    'train-1.rwis.gz',
  ]);
  const filters = page.getByTestId('cnn-filters');
  await expect(filters).toHaveAttribute('data-epoch', '0', { timeout: 60_000 });
  const filters0 = await filters
    .locator('canvas')
    .evaluateAll((cs: HTMLCanvasElement[]) => cs.map((c) => c.toDataURL()));
  await expect(page.getByTestId('cnn-epoch')).toHaveText(`0 of ${C.epochs}`);
  await expect(figure).toHaveAttribute('data-state', 'idle');

  // Train, then Pause during the first epoch: it stops when that epoch ends.
  const before = await page.evaluate(() => performance.now());
  await page.getByTestId('cnn-train').click();
  await expect(figure).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('cnn-epoch-progress')).not.toHaveJSProperty('value', 0, { timeout: 120_000 });
  await page.getByTestId('cnn-train').click();
  await expect(figure).toHaveAttribute('data-state', 'pausing');
  await expect(figure).toHaveAttribute('data-state', 'paused', { timeout: 480_000 });
  const seconds = ((await page.evaluate(() => performance.now())) - before) / 1000;
  await expect(page.getByTestId('cnn-epoch')).toHaveText(`1 of ${C.epochs}`);
  const accuracy = (await page.getByTestId('cnn-test-accuracy').textContent())!;
  console.log(
    `one epoch: ${accuracy} test accuracy; CNN training ${await page.getByTestId('cnn-time').textContent()}, ` +
      `MLP ${await page.getByTestId('cnn-compare-mlp-accuracy').textContent()} in ${await page.getByTestId('cnn-compare-mlp-time').textContent()}; ` +
      `${seconds.toFixed(1)} s on the page (not asserted)`,
  );
  expect(accuracy).toMatch(/^\d+\.\d%$/);
  expect(parseFloat(accuracy)).toBeGreaterThanOrEqual(80);
  expect(parseFloat((await page.getByTestId('cnn-compare-mlp-accuracy').textContent())!)).toBeGreaterThanOrEqual(78);
  await expect(page.getByTestId('cnn-compare-cnn-accuracy')).toHaveText(accuracy);

  // The page's main thread ran no task over 50 ms while the worker trained.
  expect(await longTasksSince(page, before)).toEqual([]);

  // Eight filters, redrawn at epoch 1, none blank, and changed by training.
  await expect(filters).toHaveAttribute('data-epoch', '1');
  await expect(filters.locator('canvas')).toHaveCount(8);
  for (const n of await colours(page, '[data-testid="cnn-filters"] canvas')) expect(n).toBeGreaterThan(3);
  const filters1 = await filters
    .locator('canvas')
    .evaluateAll((cs: HTMLCanvasElement[]) => cs.map((c) => c.toDataURL()));
  expect(filters1).not.toEqual(filters0);

  // Feature maps: per filter a before and an after map, and ReLU's zero count.
  const maps = page.getByTestId('cnn-feature-maps');
  await expect(maps.locator('.cnn-map-card')).toHaveCount(8);
  const zeroed = await maps.locator('[data-testid^="cnn-zeroed-"]').allTextContents();
  expect(zeroed).toHaveLength(8);
  let total = 0;
  for (const z of zeroed) {
    const m = /^(\d+) of 784 \((\d+\.\d)%\)$/.exec(z);
    expect(m, z).not.toBeNull();
    expect(Number(m![2])).toBeCloseTo((100 * Number(m![1])) / 784, 1);
    total += Number(m![1]);
  }
  expect(total).toBeGreaterThan(0); // ReLU zeroes responses
  expect(total).toBeLessThan(8 * 784); // and keeps some
  for (const n of await colours(page, '[data-testid="cnn-feature-maps"] .cnn-map-pair canvas'))
    expect(n).toBeGreaterThan(2);
  // The keyboard picks another image: the maps follow.
  const shown = await maps.getAttribute('data-image');
  await page.getByTestId('cnn-image').focus();
  await page.keyboard.press('ArrowDown');
  await expect(maps).not.toHaveAttribute('data-image', shown!);
  await expect(page.getByTestId('cnn-prediction')).toHaveText(
    /^(T-shirt|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle)/,
  );

  // The comparison chart has both lines.
  const chart = page.getByTestId('cnn-compare-chart');
  await expect(chart.locator('polyline.loss-line')).toHaveCount(2);

  expect(await axe(page)).toEqual([]);
  if (SHOTS) await figure.screenshot({ path: `${SHOTS}/cnn-1280.png` });

  // 375 px: nothing in the figure is wider than the page.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  const overflow = await figure.evaluate((root) => {
    const right = document.documentElement.clientWidth;
    return [...root.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > right + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  });
  expect(overflow).toEqual([]);
  expect(await axe(page)).toEqual([]);
  if (SHOTS) await figure.screenshot({ path: `${SHOTS}/cnn-375.png` });

  // Reset: fresh networks at epoch 0 (the same seed: the same filters as before training).
  await page.getByTestId('cnn-reset').click();
  await expect(filters).toHaveAttribute('data-epoch', '0', { timeout: 60_000 });
  await expect(page.getByTestId('cnn-epoch')).toHaveText(`0 of ${C.epochs}`);
  await expect(figure).toHaveAttribute('data-state', 'idle');
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(
    await filters.locator('canvas').evaluateAll((cs: HTMLCanvasElement[]) => cs.map((c) => c.toDataURL())),
  ).toEqual(filters0);
  expect(problems).toEqual([]);
});

test('a missing data file gives a clear message, and nothing trains', async ({ page }) => {
  await page.route(DATA, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./');
  await expect(page.getByTestId('backend')).not.toHaveText('loading…');
  await page.getByTestId('cnn-train').click();
  const message = page.getByTestId('cnn-data-error');
  await expect(message).toBeVisible({ timeout: 30_000 });
  await expect(message).toContainText('HTTP 404');
  await expect(message).toContainText('apt-get install dataset-fashion-mnist');
  await expect(page.locator('#cnn-widget')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('cnn-epoch')).toHaveText(`0 of ${C.epochs}`);
  await expect(page.getByTestId('cnn-error')).toBeHidden();
});

test(`full run: the recipe reaches >= 90 % test accuracy after its ${C.epochs} epochs`, async ({ page }) => {
  test.setTimeout(1_800_000);
  await page.goto('./');
  await expect(page.getByTestId('backend')).not.toHaveText('loading…');
  const before = await page.evaluate(() => performance.now());
  await page.getByTestId('cnn-train').click();
  const figure = page.locator('#cnn-widget');
  const epochs: string[] = [];
  let first90 = '';
  for (let e = 1; e <= C.epochs; e++) {
    await expect(page.getByTestId('cnn-epoch')).toHaveText(`${e} of ${C.epochs}`, { timeout: 600_000 });
    const t = ((await page.evaluate(() => performance.now())) - before) / 1000;
    const accuracy = (await page.getByTestId('cnn-test-accuracy').textContent())!;
    epochs.push(`${e}: ${accuracy} at ${t.toFixed(1)} s`);
    if (!first90 && parseFloat(accuracy) >= 90) first90 = `epoch ${e}, ${t.toFixed(1)} s after Train`;
    console.log(`epoch ${epochs.at(-1)} (MLP ${await page.getByTestId('cnn-compare-mlp-accuracy').textContent()})`);
  }
  await expect(figure).toHaveAttribute('data-state', 'done');
  console.log(
    `full run: ${epochs.join('; ')}; CNN training ${await page.getByTestId('cnn-time').textContent()}, since Train ${await page.getByTestId('cnn-elapsed').textContent()}; ` +
      `90 % first at ${first90 || 'no epoch'} (not asserted)`,
  );
  expect(parseFloat((await page.getByTestId('cnn-test-accuracy').textContent())!)).toBeGreaterThanOrEqual(90);
  if (SHOTS) await figure.screenshot({ path: `${SHOTS}/cnn-full-1280.png` });
});
