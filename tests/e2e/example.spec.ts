// The page loads relu-wasm in Chromium, picks the SIMD binary, and computes the source
// article's example; editing the vector recomputes it; bad entries are flagged, not fatal.
import { expect, test, type ConsoleMessage } from '@playwright/test';

test('computes [-2,-1,0,1,2] -> [0,0,0,1,2] with the SIMD backend', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText('wasm-simd');
  await expect(page.getByTestId('example-input')).toHaveValue('-2, -1, 0, 1, 2');
  await expect(page.getByTestId('example-output')).toHaveText('[0, 0, 0, 1, 2]');
  expect(problems).toEqual([]);
});

test('recomputes on every keystroke and flags bad entries', async ({ page }) => {
  await page.goto('./');
  const input = page.getByTestId('example-input');
  const output = page.getByTestId('example-output');
  await expect(output).toHaveText('[0, 0, 0, 1, 2]');
  await input.fill('');
  await input.pressSequentially('3 -4');
  await expect(output).toHaveText('[3, 0]');
  await input.fill('-0, NaN, -inf, inf, 1e-45, -7.5');
  await expect(output).toHaveText('[-0, NaN, 0, ∞, 1.401298e-45, 0]');
  await input.fill('1, banana, -2');
  await expect(output).toHaveText('[1, 0]');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#example-status')).toContainText('"banana"');
  await input.fill('5');
  await expect(output).toHaveText('[5]');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
});

test('the package runs in a module Web Worker', async ({ page }) => {
  await page.goto('./checks/worker.html');
  await expect(page.getByTestId('worker-output')).toHaveText('[0, 0, 0, 1, 2]');
  await expect(page.getByTestId('worker-backend')).toHaveText('wasm-simd');
});
