// The package's custom elements (import 'relu-wasm/elements') on the self-check page, served
// with the strict CSP header: they render with their constructable stylesheets, the plot's
// probe shows the kernels' values, the playground trains and rebuilds on attribute changes,
// bad attributes fall back with a note, and axe finds nothing serious.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PAGE = './checks/elements.html';

async function open(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto(PAGE);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await expect(page.getByTestId('plot-relu').getByTestId('probe-fx')).toHaveText('1');
  return problems;
}

test('both elements render under the strict CSP, styled by constructable stylesheets', async ({ page }) => {
  const problems = await open(page);
  const plot = page.getByTestId('plot-relu');
  await expect(plot.getByTestId('curve')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  // The shadow root's sheet applied: the curve's stroke and the hidden note come from it.
  expect(await plot.getByTestId('curve').evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(29, 53, 87)');
  expect(await plot.evaluate((host) => host.shadowRoot!.adoptedStyleSheets.length)).toBe(1);
  await expect(plot.getByTestId('note')).toBeHidden();
  const playground = page.getByTestId('playground');
  await expect(playground.getByTestId('epoch')).toHaveText('0');
  await expect(playground.getByTestId('loss')).toHaveText(/^0\.\d+$/);
  await expect(playground.getByTestId('dead')).toHaveText(/^\d+ of 16$/);
  await expect(playground.getByTestId('play')).toBeEnabled();
  expect(
    await playground.getByTestId('heatmap').evaluate((c: HTMLCanvasElement) => getComputedStyle(c).aspectRatio),
  ).toBe('1 / 1');
  // The canvas is painted: the heatmap and points are not one flat colour.
  const colours = await playground.getByTestId('heatmap').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
  expect(colours).toBeGreaterThan(10);
  await page.waitForTimeout(500);
  expect(problems).toEqual([]);
});

test("the plot probe moves by keyboard and shows f(x), f'(x) from the kernels", async ({ page }) => {
  await open(page);
  const plot = page.getByTestId('plot-relu');
  const slider = plot.getByTestId('plot');
  const events: number[] = [];
  await page.exposeFunction('probeEvent', (x: number) => events.push(x));
  await plot.evaluate((host) =>
    host.addEventListener('relu-probe', (e) =>
      (window as unknown as { probeEvent(x: number): void }).probeEvent((e as CustomEvent<{ x: number }>).detail.x),
    ),
  );
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(plot.getByTestId('probe-x')).toHaveText('0');
  await expect(plot.getByTestId('probe-fx')).toHaveText('0');
  await expect(plot.getByTestId('probe-dfx')).toHaveText('0'); // gradient at exactly 0, as PyTorch
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(plot.getByTestId('probe-x')).toHaveText('-1');
  await expect(plot.getByTestId('probe-fx')).toHaveText('0');
  await page.keyboard.press('End');
  await expect(plot.getByTestId('probe-fx')).toHaveText('3');
  await expect(slider).toHaveAttribute('aria-valuenow', '3');
  await expect(slider).toHaveAttribute('aria-valuetext', 'x = 3, f(x) = 3, f′(x) = 1');
  expect(events).toEqual([0.75, 0.5, 0.25, 0, -1, 3]);

  // Leaky ReLU, slope 0.1: the float32 kernels' values at x = -1.
  const leaky = page.getByTestId('plot-leaky');
  await leaky.getByTestId('plot').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(leaky.getByTestId('probe-x')).toHaveText('-1');
  await expect(leaky.getByTestId('probe-fx')).toHaveText('-0.1');
  await expect(leaky.getByTestId('probe-dfx')).toHaveText('0.1');
  // Attribute changes redraw: a new slope, then plain ReLU.
  const before = await leaky.getByTestId('curve').getAttribute('d');
  await leaky.evaluate((host) => host.setAttribute('slope', '0.25'));
  await expect(leaky.getByTestId('probe-fx')).toHaveText('-0.25');
  await expect(leaky.getByTestId('probe-dfx')).toHaveText('0.25');
  expect(await leaky.getByTestId('curve').getAttribute('d')).not.toEqual(before);
  await leaky.evaluate((host) => host.setAttribute('activation', 'relu'));
  await expect(leaky.getByTestId('probe-fx')).toHaveText('0');
  await expect(leaky.getByTestId('probe-dfx')).toHaveText('0');
});

test('the probe follows a click on the plot', async ({ page }) => {
  await open(page);
  const plot = page.getByTestId('plot-relu');
  const box = (await plot.getByTestId('plot').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await expect(plot.getByTestId('probe-x')).toHaveText(/^-\d/);
  await expect(plot.getByTestId('probe-fx')).toHaveText('0');
});

test('the playground trains (loss falls) and rebuilds on an attribute change', async ({ page }) => {
  await open(page);
  const pg = page.getByTestId('playground');
  const loss = async () => Number(await pg.getByTestId('loss').textContent());
  const initial = await loss();
  await pg.getByTestId('play').click();
  await expect(pg.getByTestId('play')).toHaveText('Pause');
  await expect
    .poll(async () => Number(await pg.getByTestId('epoch').textContent()), { timeout: 15_000 })
    .toBeGreaterThan(100);
  await expect.poll(loss, { timeout: 15_000 }).toBeLessThan(initial / 2);
  // The page changes the dataset attribute: a new dataset and network, still training.
  await page.getByTestId('dataset-select').selectOption('xor');
  await expect(pg.getByTestId('config')).toHaveText('xor · relu · layers 2-8-8-1 · learning rate 0.03');
  await expect.poll(async () => Number(await pg.getByTestId('epoch').textContent())).toBeGreaterThan(0);
  await pg.getByTestId('play').click();
  await expect(pg.getByTestId('play')).toHaveText('Play');
  const paused = await pg.getByTestId('epoch').textContent();
  await page.waitForTimeout(300);
  await expect(pg.getByTestId('epoch')).toHaveText(paused!);
  // network-shape and activation rebuild too; Reset goes back to epoch 0.
  await pg.evaluate((host) => {
    host.setAttribute('network-shape', '4');
    host.setAttribute('activation', 'tanh');
  });
  await expect(pg.getByTestId('config')).toHaveText('xor · tanh · layers 2-4-1 · learning rate 0.03');
  await expect(pg.getByTestId('dead')).toHaveText(/ of 4$/);
  await expect(pg.getByTestId('epoch')).toHaveText('0');
  await pg.getByTestId('play').press('Enter'); // keyboard works
  await expect.poll(async () => Number(await pg.getByTestId('epoch').textContent())).toBeGreaterThan(0);
  await pg.getByTestId('reset').click();
  await expect(pg.getByTestId('epoch')).toHaveText('0');
  await expect(pg.getByTestId('play')).toHaveText('Play');
});

test('a learning rate far too high: training stops, says why, fires relu-diverged and shows Play', async ({ page }) => {
  const problems = await open(page);
  // Issue 12's case: this network's loss becomes NaN within a few epochs at learning rate 10.
  await page.evaluate(() => {
    const pg = document.createElement('relu-playground');
    pg.setAttribute('data-testid', 'playground-diverge');
    pg.setAttribute('learning-rate', '10');
    pg.setAttribute('network-shape', '32,32,32,32,32,32');
    const w = window as unknown as { diverged: unknown[]; trainedAfter: number };
    w.diverged = [];
    w.trainedAfter = 0;
    pg.addEventListener('relu-diverged', (e) => w.diverged.push((e as CustomEvent).detail));
    pg.addEventListener('relu-train', () => {
      if (w.diverged.length) w.trainedAfter++;
    });
    document.querySelector('main')!.append(pg);
  });
  const pg = page.getByTestId('playground-diverge');
  await pg.scrollIntoViewIfNeeded();
  await expect(pg.getByTestId('play')).toBeEnabled();
  await expect(pg.getByTestId('diverged')).toBeHidden();
  await pg.getByTestId('play').click();
  const note = pg.getByTestId('diverged');
  await expect(note).toBeVisible({ timeout: 20_000 });
  await expect(note).toContainText('learning rate (10) is too high');
  await expect(note).toContainText('Reset');
  await expect(pg.getByTestId('play')).toHaveText('Play');
  expect(await pg.evaluate((host) => (host as HTMLElementTagNameMap['relu-playground']).playing)).toBe(false);
  const events = await page.evaluate(
    () => (window as unknown as { diverged: { loss: number; epoch: number }[] }).diverged,
  );
  expect(events).toHaveLength(1);
  expect(events[0]!.epoch).toBeGreaterThan(0);
  expect(await pg.getByTestId('epoch').textContent()).toBe(String(events[0]!.epoch));
  // It stays paused: no more epochs, no more relu-train events.
  await page.waitForTimeout(400);
  await expect(pg.getByTestId('epoch')).toHaveText(String(events[0]!.epoch));
  expect(await page.evaluate(() => (window as unknown as { trainedAfter: number }).trainedAfter)).toBe(0);
  // Reset starts over: epoch 0, a finite loss, the note gone.
  await pg.getByTestId('reset').click();
  await expect(pg.getByTestId('epoch')).toHaveText('0');
  await expect(note).toBeHidden();
  await expect(pg.getByTestId('loss')).toHaveText(/^\d/);
  expect(problems).toEqual([]);
});

test('invalid attributes fall back to the defaults with a note', async ({ page }) => {
  const problems = await open(page);
  const plot = page.getByTestId('plot-invalid');
  await expect(plot.getByTestId('note')).toHaveText(
    'activation="gelu" is not one of relu, leaky_relu; using relu. slope="steep" is not a number from 0 to 1; using 0.01.',
  );
  await expect(plot.getByTestId('probe-fx')).toHaveText('1');
  const pg = page.getByTestId('playground-invalid');
  const note = pg.getByTestId('note');
  await expect(note).toContainText('dataset="moons" is not one of circle, xor, gauss, spiral; using circle.');
  await expect(note).toContainText('activation="swish"');
  await expect(note).toContainText('network-shape="8,,x"');
  await expect(note).toContainText('learning-rate="fast"');
  await expect(pg.getByTestId('config')).toHaveText('circle · relu · layers 2-8-8-1 · learning rate 0.03');
  await expect(pg.getByTestId('play')).toBeEnabled();
  // Fixing the attributes removes the note.
  await pg.evaluate((host) => {
    for (const [k, v] of [
      ['dataset', 'gauss'],
      ['activation', 'sigmoid'],
      ['network-shape', ''],
      ['learning-rate', '0.1'],
    ])
      host.setAttribute(k!, v!);
  });
  await expect(note).toBeHidden();
  await expect(pg.getByTestId('config')).toHaveText('gauss · sigmoid · layers 2-1 · learning rate 0.1');
  await expect(pg.getByTestId('dead')).toHaveText('no hidden layer');
  expect(problems).toEqual([]);
});

test('no serious or critical axe violations', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('playground-invalid').getByTestId('play')).toBeEnabled();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('the elements fit without horizontal scrolling', async ({ page }) => {
    await open(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    for (const id of ['plot-relu', 'playground']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(375.5);
    }
  });
});
