// Section 6, "ReLU on real images": Fashion-MNIST fetched only when the reader gets there,
// trained in a worker to >= 85 % test accuracy with the defaults (asserted after the default
// 8 epochs, never a time), the page's main thread free of long tasks meanwhile, the weights,
// confusion matrix and draw pad, the typed errors, a phone layout, axe, the strict CSP, and
// the message when the data is missing. Needs the data files (npm run build makes them).
import { crc32, deflateSync } from 'node:zlib';

import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const DATA = /\/data\/fashion-mnist\//;

/** A greyscale PNG of `size` x `size` pixels, `grey(x, y)` each (for the upload input). */
function png(size: number, grey: (x: number, y: number) => number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) rows[y * (size + 1) + 1 + x] = grey(x, y);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Records the page's CSP violations, console errors and main-thread long tasks. */
async function watch(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return { problems };
}

/** Long tasks since `since` (performance.now() time). */
const longTasksSince = (page: Page, since: number) =>
  page.evaluate(
    (t) =>
      (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((e) => e.start >= t),
    since,
  );

/** Loads the data by pressing Load (from the top of the page) or by scrolling to the section. */
async function loadData(page: Page, how: 'press' | 'scroll'): Promise<void> {
  if (how === 'press') await page.getByTestId('fmnist-load').click();
  else await page.locator('#images-widget').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('fmnist-load-status')).toHaveText(/^Loaded /, { timeout: 60_000 });
  await expect(page.getByTestId('fmnist-train')).toBeEnabled();
  // The fresh network (epoch 0) has been measured.
  await expect(page.getByTestId('fmnist-test-accuracy')).toHaveText(/%$/, { timeout: 60_000 });
  // ... and fully shown: the weights (drawn in slices) and the draw pad's copy of the network.
  await expect(page.getByTestId('fmnist-weights')).toHaveAttribute('data-epoch', '0');
  await expect(page.getByTestId('fmnist-prediction')).toHaveText(/^nothing yet/);
}

test('nothing is fetched before the section is reached; Load fetches it with a progress bar', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (DATA.test(r.url())) requests.push(r.url());
  });
  await page.goto('./');
  await expect(page.getByTestId('backend')).not.toHaveText('loading…');
  await page.waitForTimeout(1000);
  // The reader is at the top: the figure is far below, and nothing has been requested.
  expect(requests).toEqual([]);
  const progress = page.getByTestId('fmnist-progress');
  await expect(progress).toHaveAttribute('value', '0');
  await loadData(page, 'press');
  expect(requests.map((u) => u.replace(/^.*\/data\/fashion-mnist\//, ''))).toEqual([
    'manifest.json',
    'test.rwis.gz',
    'train-0.rwis.gz',
  ]);
  // The bar is full and the status names the size fetched (under the 8 MB budget).
  const max = Number(await progress.getAttribute('max'));
  expect(max).toBeGreaterThan(1e6);
  expect(max).toBeLessThanOrEqual(8e6);
  await expect(progress).toHaveJSProperty('value', max);
  await expect(page.getByTestId('fmnist-load-status')).toContainText('10 000 test and 30 000 training images');
  await expect(page.getByTestId('fmnist-load-full')).toContainText('60 000 training images');
  // Epoch 0: fresh weights, measured on the 10 000 test images (about chance).
  await expect(page.getByTestId('fmnist-epoch')).toHaveText('0');
  await expect(page.getByTestId('fmnist-test-accuracy')).toHaveText(/^\d+\.\d%$/);
});

// A long task is wall-clock time: on a machine shared with other busy processes, the OS can
// preempt the page's thread mid-task and stretch a 5 ms task past 50 ms. Retries make such a
// run show as flaky in the report instead of failing CI; a real regression fails every try.
test.describe('training with the defaults', () => {
  test.describe.configure({ retries: 2 });

  test('the defaults reach 85 % test accuracy in 8 epochs, in a worker, with no long task on the page', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const { problems } = await watch(page);
    await page.goto('./');
    await loadData(page, 'scroll');
    const before = await page.evaluate(() => performance.now());
    const weights = page.getByTestId('fmnist-weights');
    await expect(weights).toHaveAttribute('data-epoch', '0');
    const weights0 = await weights.evaluate((c: HTMLCanvasElement) => c.toDataURL());

    await page.getByTestId('fmnist-train').click();
    await expect(page.locator('#images-widget')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('fmnist-epoch')).toHaveText('1', { timeout: 120_000 });
    await expect(page.locator('#images-widget')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
    const seconds = ((await page.evaluate(() => performance.now())) - before) / 1000;
    await expect(page.getByTestId('fmnist-epoch')).toHaveText('8');
    const accuracy = await page.getByTestId('fmnist-test-accuracy').textContent();
    console.log(
      `defaults: ${accuracy} after 8 epochs; training ${await page.getByTestId('fmnist-time').textContent()}, ` +
        `85 % after ${await page.getByTestId('fmnist-time-85').textContent()} of training, ${seconds.toFixed(1)} s on the page (not asserted)`,
    );
    expect(accuracy).toMatch(/^\d+\.\d%$/);
    expect(parseFloat(accuracy!)).toBeGreaterThanOrEqual(85);
    await expect(page.getByTestId('fmnist-time-85')).toHaveText(/^\d+\.\d s$/);

    // The main thread never ran a task over 50 ms while the worker trained.
    expect(await longTasksSince(page, before)).toEqual([]);

    // The first layer's weights were redrawn, and changed.
    await expect(weights).toHaveAttribute('data-epoch', '8');
    expect(await weights.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(weights0);
    // The confusion matrix: 10 named rows whose counts add up to the 10 000 test images.
    const confusion = page.getByTestId('fmnist-confusion');
    await expect(confusion.locator('tbody tr')).toHaveCount(10);
    await expect(confusion.locator('tbody th').first()).toHaveText('T-shirt/top');
    const cells = await confusion.locator('tbody td').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(10_000);
    await expect(page.getByTestId('fmnist-wrong').locator('li')).not.toHaveCount(0);
    // ReLU's exact zeros: a good share of the hidden outputs.
    const sparsity = parseFloat((await page.getByTestId('fmnist-sparsity-1').textContent())!);
    expect(sparsity).toBeGreaterThan(20);
    expect(problems).toEqual([]);

    // The draw pad: a sample, then the reader's own strokes, change the prediction.
    const prediction = page.getByTestId('fmnist-prediction');
    await page.getByTestId('fmnist-sample-2').scrollIntoViewIfNeeded();
    await page.getByTestId('fmnist-sample-2').press('Enter'); // a trouser, picked by keyboard
    await expect(prediction).toHaveText('Trouser');
    await page.getByTestId('fmnist-clear').click();
    await expect(prediction).toHaveText(/nothing yet/);
    const pad = page.getByTestId('fmnist-draw');
    const box = (await pad.boundingBox())!;
    const at = (x: number, y: number) => [box.x + (x / 28) * box.width, box.y + (y / 28) * box.height] as const;
    // A bag: a filled box with a handle.
    await page.getByTestId('fmnist-brush').selectOption({ label: 'Thick' });
    for (let y = 10; y <= 25; y += 2) {
      await page.mouse.move(...at(4, y));
      await page.mouse.down();
      await page.mouse.move(...at(24, y), { steps: 6 });
      await page.mouse.up();
    }
    await page.mouse.move(...at(9, 10));
    await page.mouse.down();
    await page.mouse.move(...at(9, 3), { steps: 4 });
    await page.mouse.move(...at(19, 3), { steps: 4 });
    await page.mouse.move(...at(19, 10), { steps: 4 });
    await page.mouse.up();
    await expect(prediction).not.toHaveText(/nothing yet|Trouser/);
    await expect(page.getByTestId('fmnist-firing')).toHaveText(/^\d+ of 128 in the first hidden layer$/);
    console.log(`the drawn bag is predicted as: ${await prediction.textContent()}`);
  });
});

test('the package refuses a bad learning rate with its typed error; the section keeps working; an upload is classified', async ({
  page,
}) => {
  await page.goto('./');
  await loadData(page, 'scroll');
  await page.getByTestId('fmnist-lr').fill('-1');
  await page.getByTestId('fmnist-lr').dispatchEvent('change');
  await page.getByTestId('fmnist-train').click();
  await expect(page.getByTestId('fmnist-error')).toHaveText(/^RangeError: .*lr/);
  await expect(page.locator('#images-widget')).toHaveAttribute('data-state', 'error');
  await page.getByTestId('fmnist-width').fill('0');
  await page.getByTestId('fmnist-width').dispatchEvent('change');
  await expect(page.getByTestId('fmnist-error')).toHaveText(/Error: .*sizes/);
  // Defaults restore a working network: one step trains one epoch.
  await page.getByTestId('fmnist-defaults').click();
  await expect(page.getByTestId('fmnist-error')).toBeHidden();
  await page.getByTestId('fmnist-step').click();
  await expect(page.getByTestId('fmnist-epoch')).toHaveText('1', { timeout: 120_000 });
  await expect(page.locator('#images-widget')).toHaveAttribute('data-state', 'paused');

  // An uploaded photo (dark trousers on white paper) is inverted, centred and classified.
  const trousers = png(56, (x, y) => (y > 8 && y < 50 && ((x > 16 && x < 26) || (x > 30 && x < 40)) ? 40 : 250));
  await page
    .getByTestId('fmnist-upload')
    .setInputFiles({ name: 'trousers.png', mimeType: 'image/png', buffer: trousers });
  await expect(page.getByTestId('fmnist-prediction')).toHaveText(
    /^(T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot)$/,
  );
  const seen = await page.getByTestId('fmnist-seen').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return { corner: d[0], middle: d[4 * (14 * 28 + 9)] };
  });
  expect(seen.corner).toBe(0); // the white paper became the dataset's black background
  expect(seen.middle).toBeGreaterThan(150); // and the dark trouser leg its white item
  console.log(`the uploaded trousers are predicted as: ${await page.getByTestId('fmnist-prediction').textContent()}`);
});

test('ReLU, Leaky ReLU, tanh and sigmoid train side by side', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await loadData(page, 'scroll');
  // A small network keeps the test short; the comparison takes the reader's choices.
  await page.getByTestId('fmnist-width').fill('16');
  await page.getByTestId('fmnist-width').dispatchEvent('change');
  await page.getByTestId('fmnist-compare').click();
  await expect(page.getByTestId('fmnist-compare-status')).toHaveText('Done.', { timeout: 150_000 });
  for (const a of ['relu', 'leaky_relu', 'tanh', 'sigmoid']) {
    const text = (await page.getByTestId(`fmnist-compare-${a}`).textContent())!;
    console.log(`compare (16 units, 2 epochs): ${a} ${text}`);
    expect(parseFloat(text)).toBeGreaterThan(70);
  }
  await expect(page.getByTestId('fmnist-compare-chart').locator('polyline.s3')).toHaveAttribute('points', /\d/);
});

test('a clear message when the data files are missing; the rest of the article works', async ({ page }) => {
  await page.route(DATA, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./');
  await page.getByTestId('fmnist-load').click();
  const message = page.getByTestId('fmnist-data-error');
  await expect(message).toBeVisible();
  await expect(message).toContainText('apt-get install dataset-fashion-mnist');
  await expect(message).toContainText('HTTP 404');
  await expect(page.getByTestId('fmnist-train')).toBeDisabled();
  // Another widget still runs.
  await page.locator('#train-widget').scrollIntoViewIfNeeded();
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('train-steps')).toHaveText('1');
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('the section fits, and axe finds nothing serious in it', async ({ page }) => {
    await page.goto('./');
    await loadData(page, 'scroll');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expect(page.getByTestId('fmnist-weights')).toHaveAttribute('data-epoch', '0');
    for (const id of ['fmnist-draw', 'fmnist-weights', 'fmnist-accuracy-chart', 'fmnist-train']) {
      await page.getByTestId(id).scrollIntoViewIfNeeded();
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(375.5);
    }
    const results = await new AxeBuilder({ page }).include('#images').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
