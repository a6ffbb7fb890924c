// The article's training demos (sections 6-8): they train at the reader's pace (Play, Step,
// Speed, Reset), and the numbers they show come from relu-wasm networks. Behaviour only, never
// timings.
import { expect, test, type Page } from '@playwright/test';

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

test('a too-high learning rate and a bad init kill more units; Leaky ReLU revives them', async ({ page }) => {
  await page.goto('./');
  const widget = page.locator('#dying-widget');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const sane = await num(page, 'dying-dead-sane');
  const high = await num(page, 'dying-dead-high');
  const bad = await num(page, 'dying-dead-badinit');
  expect(high).toBeGreaterThan(sane);
  expect(bad).toBeGreaterThan(sane);
  await expect(page.getByTestId('dying-units-high').locator('[data-dead="true"]')).toHaveCount(high);

  await page.getByTestId('dying-revive').click();
  await expect(page.getByTestId('dying-title-high')).toContainText('Leaky ReLU');
  await expect(widget).toHaveAttribute('data-state', 'revived', { timeout: 30_000 });
  expect(await num(page, 'dying-dead-high')).toBeLessThan(high);
  expect(await num(page, 'dying-loss-high')).toBeLessThan(0.3);
  await expect(page.getByTestId('dying-revive')).toBeDisabled();

  await page.getByTestId('dying-run').click();
  await expect(page.getByTestId('dying-title-high')).not.toContainText('Leaky');
});
