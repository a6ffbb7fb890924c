// The article's training demos (sections 6-8): they train at the reader's pace (Play, Step,
// Speed, Reset), and the numbers they show come from relu-wasm networks. Behaviour only, never
// timings.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Serious or critical axe violations inside `selector`, with the widget in its current state. */
const axe = async (page: Page, selector: string): Promise<string[]> =>
  (await new AxeBuilder({ page }).include(selector).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

const num = async (page: Page, testid: string): Promise<number> =>
  Number((await page.getByTestId(testid).textContent())!.replace(/,/g, ''));

test('the training demo waits for Play, steps, reduces the loss, pauses and resets', async ({ page }) => {
  await page.goto('./');
  const widget = page.locator('#train-widget');
  // Nothing trains until the reader presses Play, even on screen.
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('train-steps')).toHaveText('0');
  const initial = await num(page, 'train-loss');
  expect(initial).toBeGreaterThan(0.3);
  await widget.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('train-steps')).toHaveText('0');
  // One step at a time.
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('train-steps')).toHaveText('1');
  await expect(widget).toHaveAttribute('data-state', 'paused');
  await page.getByTestId('train-step').press('Enter');
  await expect(page.getByTestId('train-steps')).toHaveText('2');
  await page.getByTestId('train-speed').selectOption({ index: 2 });
  await page.getByTestId('train-play').click();
  await expect(widget).toHaveAttribute('data-state', 'running');
  await expect.poll(() => num(page, 'train-steps'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1000);
  const trained = await num(page, 'train-loss');
  expect(trained).toBeLessThan(initial / 2);
  await expect(page.getByTestId('train-accuracy')).toHaveText(/^(9\d|100)%$/);
  await expect(page.getByTestId('train-loss-chart').locator('polyline')).toHaveAttribute('points', /\d/);

  await page.getByTestId('train-play').click(); // pause
  await expect(widget).toHaveAttribute('data-state', 'paused');
  const paused = await num(page, 'train-steps');
  await page.waitForTimeout(300);
  expect(await num(page, 'train-steps')).toBe(paused);

  // New data: a fresh run at step 0 that waits for Play again.
  await page.getByTestId('train-dataset').selectOption('xor');
  await expect(page.getByTestId('train-steps')).toHaveText('0');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('train-play').click();
  await expect.poll(() => num(page, 'train-steps')).toBeGreaterThan(0);
  await page.getByTestId('train-reset').click();
  await expect(page.getByTestId('train-steps')).toHaveText('0');
  await expect(widget).toHaveAttribute('data-state', 'idle');
});

test('gradAtZero 0 keeps zero-started units at exactly 0; gradAtZero 1 wakes them', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('gaz-backward-0')).toHaveText('[0, 0, 1]');
  await expect(page.getByTestId('gaz-backward-1')).toHaveText('[0, 1, 1]');
  // Before any training both start from the same weights: 4 units x 200 points are exactly 0.
  await expect(page.getByTestId('gaz-zeros-0')).toHaveText('800');
  await expect(page.getByTestId('gaz-zeros-1')).toHaveText('800');
  const widget = page.locator('#gaz-widget');
  await widget.scrollIntoViewIfNeeded();
  // Nothing trains until Play, even on screen.
  await page.waitForTimeout(300);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('gaz-steps')).toHaveText('0');
  // One step: the FAQ's convention already moves the silent units off 0; the frameworks' does not.
  await page.getByTestId('gaz-step').click();
  await expect(page.getByTestId('gaz-steps')).toHaveText('1');
  await expect(widget).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('gaz-zeros-0')).toHaveText('800');
  await expect(page.getByTestId('gaz-zeros-1')).not.toHaveText('800');
  await page.getByTestId('gaz-speed').selectOption({ index: 2 });
  await page.getByTestId('gaz-play').click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('gaz-steps')).toHaveText('1500');
  await expect(page.getByTestId('gaz-zeros-0')).toHaveText('800');
  await expect(page.getByTestId('gaz-units-0')).toHaveText('4 of 8');
  await expect(page.getByTestId('gaz-zeros-1')).toHaveText('0');
  await expect(page.getByTestId('gaz-units-1')).toHaveText('0 of 8');
  await expect(page.getByTestId('gaz-dots-0').locator('[data-dead="true"]')).toHaveCount(4);
  // The chart has both series, axes with titles and a legend.
  const chart = page.getByTestId('gaz-loss-chart');
  await expect(chart.locator('polyline')).toHaveCount(2);
  await expect(chart.locator('polyline').nth(1)).toHaveAttribute('points', /\d/);
  await expect(chart.locator('.legend')).toContainText('gradAtZero 0');
  await expect(chart.locator('.axis-title').first()).toContainText('steps');

  // Without zero-started units there are no exact zeros and the two runs are identical; the
  // change starts a fresh run that waits for Play again.
  await page.getByTestId('gaz-silent').uncheck();
  await expect(page.getByTestId('gaz-steps')).toHaveText('0');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('gaz-play').click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('gaz-steps')).toHaveText('1500');
  await expect(page.getByTestId('gaz-zeros-0')).toHaveText('0');
  await expect(page.getByTestId('gaz-zeros-1')).toHaveText('0');
  expect(await page.getByTestId('gaz-loss-0').textContent()).toBe(await page.getByTestId('gaz-loss-1').textContent());
  await page.getByTestId('gaz-reset').click();
  await expect(page.getByTestId('gaz-steps')).toHaveText('0');
  await expect(widget).toHaveAttribute('data-state', 'idle');
});

test('a too-high learning rate and a bad init kill units; the control stays dead, Leaky ReLU revives', async ({
  page,
}) => {
  await page.goto('./');
  const widget = page.locator('#dying-widget');
  const revival = page.getByTestId('dying-revival');
  await widget.scrollIntoViewIfNeeded();
  // Nothing trains until Play; the continuations wait for the three runs.
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(revival).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('revive-play')).toBeDisabled();
  // Before the copy the continuations have no network: empty readouts, no unit drawn alive.
  for (const key of ['control', 'leaky']) {
    await expect(page.getByTestId(`dying-dead1-${key}`)).toHaveText('–');
    await expect(page.getByTestId(`dying-loss-${key}`)).toHaveText('–');
    await expect(page.getByTestId(`dying-units-${key}`).locator('[data-dead="pending"]')).toHaveCount(16);
  }
  // The bias -1 run starts with dead units in both layers.
  const badStart1 = await num(page, 'dying-dead1-badinit');
  const badStart2 = await num(page, 'dying-dead2-badinit');
  expect(badStart1).toBeGreaterThan(0);
  expect(badStart2).toBeGreaterThan(0);

  await page.getByTestId('dying-step').click();
  await expect(page.getByTestId('dying-steps')).toHaveText('1');
  await expect(widget).toHaveAttribute('data-state', 'paused');
  await page.getByTestId('dying-speed').selectOption({ index: 2 });
  await page.getByTestId('dying-play').click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(page.getByTestId('dying-steps')).toHaveText('3000');
  const sane = await num(page, 'dying-dead-sane');
  const high = await num(page, 'dying-dead-high');
  expect(sane).toBe(0);
  expect(high).toBeGreaterThan(sane);
  await expect(page.getByTestId('dying-units-high').locator('[data-dead="true"]')).toHaveCount(high);
  // Plain ReLU, bias -1: first-layer dead units cannot come back (fixed inputs), second-layer
  // ones can (the layer below kept learning).
  expect(await num(page, 'dying-dead1-badinit')).toBe(badStart1);
  expect(await num(page, 'dying-dead2-badinit')).toBeLessThan(badStart2);
  await expect(page.getByTestId('dying-chart-high').locator('polyline.s0')).toHaveAttribute('points', /\d/);

  // Both continuations start from the too-high run's final state.
  await expect(revival).toHaveAttribute('data-state', 'idle');
  const fork1 = await num(page, 'dying-dead1-high');
  const fork2 = await num(page, 'dying-dead2-high');
  expect(fork1).toBeGreaterThan(0);
  expect(await num(page, 'dying-dead1-control')).toBe(fork1);
  expect(await num(page, 'dying-dead2-control')).toBe(fork2);
  expect(await num(page, 'dying-dead1-leaky')).toBe(fork1);
  // Under Leaky ReLU the dead first-layer units pass alpha * z instead of 0, which already moves
  // some layer-2 sums before any step.
  const leaky2 = await num(page, 'dying-dead2-leaky');
  expect(leaky2).toBeLessThanOrEqual(fork2);
  await page.getByTestId('revive-speed').selectOption({ index: 2 });
  await page.getByTestId('revive-play').click();
  await expect(revival).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(page.getByTestId('revive-steps')).toHaveText('2000');
  // The control, still plain ReLU, does not change; Leaky ReLU brings units back in both layers.
  expect(await num(page, 'dying-dead1-control')).toBe(fork1);
  expect(await num(page, 'dying-dead2-control')).toBe(fork2);
  expect(await num(page, 'dying-dead1-leaky')).toBeLessThan(fork1);
  expect(await num(page, 'dying-dead2-leaky')).toBeLessThan(leaky2);
  expect(await num(page, 'dying-loss-leaky')).toBeLessThan(0.3);
  expect(await num(page, 'dying-loss-control')).toBeGreaterThan(0.6);
  expect(await axe(page, '#dying-widget')).toEqual([]);

  // Reset: step 0 again, and the continuations wait once more.
  await page.getByTestId('dying-reset').click();
  await expect(page.getByTestId('dying-steps')).toHaveText('0');
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(revival).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('dying-dead2-leaky')).toHaveText('–');
  await expect(page.getByTestId('dying-units-leaky').locator('[data-dead="pending"]')).toHaveCount(16);
});

test('a linear model stays near chance on the circle; the ReLU network separates it along its folds', async ({
  page,
}) => {
  await page.goto('./');
  const widget = page.locator('#fold-widget');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('fold-steps')).toHaveText('0');
  // One fold line per first-layer unit, drawn before any training.
  const lines = page.getByTestId('fold-lines');
  await expect(lines).toHaveAttribute('data-folds', '8');
  await expect(lines.locator('g.fold')).toHaveCount(8);
  await expect(lines.locator('g.fold line.fold-line').first()).toBeAttached();
  // Keyboard: focus Step and press Enter.
  await page.getByTestId('fold-step').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fold-steps')).toHaveText('1');
  await page.getByTestId('fold-speed').selectOption({ index: 2 });
  await page.getByTestId('fold-play').click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('fold-steps')).toHaveText('600');
  const pct = async (id: string): Promise<number> =>
    Number((await page.getByTestId(id).textContent())!.replace('%', ''));
  await expect(page.getByTestId('fold-linear-accuracy')).toHaveText(/^\d+%$/);
  expect(await pct('fold-linear-accuracy')).toBeLessThanOrEqual(70);
  expect(await pct('fold-relu-accuracy')).toBeGreaterThanOrEqual(90);
  await expect(lines.locator('g.fold')).toHaveCount(8);
  expect(Number(await lines.getAttribute('data-inside'))).toBeGreaterThan(0);
  await expect(page.getByTestId('fold-loss-chart').locator('polyline.s1')).toHaveAttribute('points', /\d/);
  // Sparsity per hidden layer, measured on all points: a share in [0, 1].
  const rows = page.getByTestId('fold-sparsity').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  for (let l = 0; l < 2; l++) {
    await expect(rows.nth(l)).toHaveAttribute('data-layer', String(l + 1));
    const z = Number(await rows.nth(l).getAttribute('data-zeros'));
    expect(z).toBeGreaterThanOrEqual(0);
    expect(z).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('fold-paths')).toHaveText(/^\d+\.\d of 128$/);
  expect(await axe(page, '#fold-widget')).toEqual([]);

  // On linearly separable data the linear model is enough.
  await page.getByTestId('fold-dataset').selectOption('gauss');
  await expect(page.getByTestId('fold-steps')).toHaveText('0');
  await page.getByTestId('fold-play').click();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  expect(await pct('fold-linear-accuracy')).toBeGreaterThanOrEqual(95);
});

test('deep, narrow He-initialised ReLU networks sometimes start with the last hidden layer dead', async ({ page }) => {
  await page.goto('./');
  const widget = page.locator('#dead-init-widget');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('dead-init-run').press('Enter');
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const dead = async (shape: string): Promise<number> =>
    Number(
      await page
        .locator(
          `[data-testid="dead-init-table"] tr[data-depth="${shape.split('x')[0]}"][data-width="${shape.split('x')[1]}"]`,
        )
        .getAttribute('data-dead'),
    );
  // Seeds 0-999, counted by createMLP + deadUnits; the prose quotes these figures.
  await expect(page.getByTestId('dead-init-10x8')).toHaveText('2 of 1000');
  await expect(page.getByTestId('dead-init-20x8')).toHaveText('17 of 1000');
  await expect(page.getByTestId('dead-init-10x16')).toHaveText('0 of 1000');
  expect(await dead('20x8')).toBeGreaterThan(await dead('10x8'));
});
