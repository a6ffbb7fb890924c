// The article's interactive widgets (sections 1-5): the probe plot and Leaky ReLU slope, the
// vector and layer matrix, the code panels, the live benchmark, the convolution demo. Every
// assertion is about behaviour and values computed by relu-wasm, never about timings.
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText(/wasm-(simd|scalar)/);
});

// Section 1 is the package's <relu-plot> (test id relu-plot); its parts are inside its open
// shadow root, which Playwright's locators pierce.
test("the probe moves with the keyboard and shows f(x), f'(x) from the kernels", async ({ page }) => {
  const plot = page.getByTestId('relu-plot').getByTestId('plot');
  await expect(page.getByTestId('probe-x')).toHaveText('1');
  await expect(page.getByTestId('probe-fx')).toHaveText('1');
  await expect(page.getByTestId('probe-dfx')).toHaveText('1');
  await plot.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('probe-x')).toHaveText('0');
  await expect(page.getByTestId('probe-fx')).toHaveText('0');
  await expect(page.getByTestId('probe-dfx')).toHaveText('0'); // the frameworks' convention at 0
  await expect(page.getByTestId('probe-note')).toContainText('PyTorch');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('probe-x')).toHaveText('-1.25');
  await expect(page.getByTestId('probe-fx')).toHaveText('0');
  await expect(page.getByTestId('probe-note')).toHaveText('');
  await page.keyboard.press('End');
  await expect(page.getByTestId('probe-x')).toHaveText('3');
  await expect(page.getByTestId('probe-fx')).toHaveText('3');
  await expect(plot).toHaveAttribute('aria-valuenow', '3');
});

test('the probe follows a click or tap on the plot', async ({ page }) => {
  const plot = page.getByTestId('relu-plot').getByTestId('plot');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await expect(page.getByTestId('probe-x')).toHaveText(/^-\d/);
  await expect(page.getByTestId('probe-fx')).toHaveText('0');
  await expect(page.getByTestId('probe-dfx')).toHaveText('0');
});

test('the Leaky ReLU slope changes the curve and the probe values', async ({ page }) => {
  const curve = page.getByTestId('relu-plot').getByTestId('curve');
  const before = await curve.getAttribute('d');
  await page.getByTestId('relu-plot').getByTestId('plot').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft'); // x = -1
  await expect(page.getByTestId('probe-x')).toHaveText('-1');
  // Keyboard only: tab to the slider and step it up to 0.10.
  const slope = page.getByTestId('leaky-slope');
  await slope.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('leaky-slope-value')).toHaveText('0.10');
  await expect(page.getByTestId('probe-fx')).toHaveText('-0.1');
  await expect(page.getByTestId('probe-dfx')).toHaveText('0.1');
  expect(await curve.getAttribute('d')).not.toEqual(before);
  await slope.fill('0');
  await expect(page.getByTestId('probe-fx')).toHaveText('0');
  expect(await curve.getAttribute('d')).toEqual(before);
});

test('the vector widget flags bad entries and keeps computing', async ({ page }) => {
  const input = page.getByTestId('example-input');
  await input.fill('1, banana, NaN, -3, 1e999x');
  await expect(page.getByTestId('example-output')).toHaveText('[1, NaN, 0]');
  const tokens = page.getByTestId('example-tokens').locator('li');
  await expect(tokens).toHaveCount(5);
  await expect(tokens.nth(1)).toHaveAttribute('data-bad', 'true');
  await expect(tokens.nth(1)).toContainText('banana');
  await expect(tokens.nth(4)).toHaveAttribute('data-bad', 'true');
  await expect(tokens.nth(3)).toContainText('→ 0');
  await expect(page.getByTestId('example-status')).toContainText('2 entries');
  await input.fill('-0, inf');
  await expect(page.getByTestId('example-output')).toHaveText('[-0, ∞]');
  await expect(page.getByTestId('example-tokens').locator('[data-bad]')).toHaveCount(0);
  await expect(page.getByTestId('example-status')).toHaveText('');
});

test('the vector widget: prototype words are bad entries, not lookups', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const input = page.getByTestId('example-input');
  await input.fill('1, constructor, -2, __proto__, toString, 3');
  await expect(page.getByTestId('example-output')).toHaveText('[1, 0, 3]');
  const tokens = page.getByTestId('example-tokens').locator('li');
  await expect(tokens).toHaveCount(6);
  await expect(tokens.nth(1)).toHaveAttribute('data-bad', 'true');
  await expect(tokens.nth(3)).toHaveAttribute('data-bad', 'true');
  await expect(page.getByTestId('example-status')).toHaveText(
    'Skipped 3 entries that are not a number: #2 "constructor", #4 "__proto__", #5 "toString"',
  );
  expect(errors).toEqual([]);
});

test('the vector widget with 10 000 numbers: every value computed, the first 100 drawn, then "and N more"', async ({
  page,
}) => {
  const numbers = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 2001) - 1000);
  const input = page.getByTestId('example-input');
  await input.fill(`${numbers.join(', ')}, banana`);
  const output = page.getByTestId('example-output');
  await expect(output).toHaveText(`[${numbers.map((v) => String(Math.max(0, v))).join(', ')}]`);
  await expect(page.getByTestId('example-tokens').locator('li')).toHaveCount(101);
  await expect(page.getByTestId('example-more')).toHaveText('…and 9,901 more entries');
  await expect(page.getByTestId('example-status')).toHaveText('Skipped an entry that is not a number: #10001 "banana"');
  // Typing one more character recomputes everything.
  await input.press('End');
  await input.pressSequentially(', 7');
  await expect(output).toContainText(', 7]');
  await expect(page.getByTestId('example-more')).toHaveText('…and 9,902 more entries');
});

test('the layer matrix shows z before and max(0, z) after ReLU', async ({ page }) => {
  const before = page.getByTestId('matrix-before').locator('td');
  const after = page.getByTestId('matrix-after').locator('td');
  await expect(before).toHaveCount(20);
  const check = async () => {
    const b = await before.allTextContents();
    const a = await after.allTextContents();
    let zeros = 0;
    b.forEach((text, i) => {
      if (text.startsWith('−')) {
        expect(a[i]).toBe('0.00');
        zeros++;
      } else {
        expect(a[i]).toBe(text);
      }
    });
    expect(zeros).toBeGreaterThan(0);
    await expect(page.getByTestId('matrix-zero-count')).toHaveText(`${zeros} of 20`);
    return b.join(' ');
  };
  const first = await check();
  await page.getByTestId('matrix-resample').click();
  await expect.poll(async () => (await before.allTextContents()).join(' ')).not.toBe(first);
  await check();
});

test('the code panels show the NumPy snippet, the real C++ kernel and a live TypeScript call', async ({ page }) => {
  await expect(page.getByTestId('code-numpy')).toContainText('def relu(x):\n    return np.maximum(0, x)');
  const cpp = page.getByTestId('code-cpp');
  await expect(cpp).toContainText('void f32_vrelu_wasmsimd_u32(const float* x, float* y, std::size_t n)');
  await expect(cpp).toContainText('wasm_f32x4_pmax(v, zero)');
  await expect(cpp).toContainText('f32_vrelu_scalar(x + i, y + i, n - i);');
  await expect(cpp).not.toContainText('backward');
  // The essential lines only: no engineering comments, the unrolled body folded, the file named.
  await expect(cpp).not.toContainText('docs/wasm-codegen.md');
  await expect(cpp).toContainText('folded: 8 vectors per iteration');
  expect((await cpp.textContent())!.split('\n').length).toBeLessThanOrEqual(16);
  await expect(page.getByTestId('code-cpp-path')).toHaveText('cpp/kernels/f32_vrelu_wasmsimd.cc');
  await expect(page.getByTestId('code-ts')).toContainText('rw.relu([-2, -1, 0, 1, 2])');
  await expect(page.getByTestId('code-ts-result')).toHaveText('Float32Array [0, 0, 0, 1, 2]');
});

test('the live benchmark runs (quick sizes), shows progress, a chart and a table', async ({ page }) => {
  const widget = page.locator('#bench-widget');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('bench-backend')).toHaveText(/wasm-/);
  await page.getByTestId('bench-quick').click();
  await expect(page.getByTestId('bench-progress')).toBeVisible();
  await expect(page.getByTestId('bench-quick')).toBeDisabled();
  await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const progress = page.getByTestId('bench-progress');
  expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
  await expect(page.getByTestId('bench-status')).toContainText('Every output was checked');
  const rows = page.getByTestId('bench-table').locator('tbody tr');
  // The v128 copy loop (the limit WASM code can reach), memory.copy, TypedArray.set, plain JS,
  // SIMD and scalar, each zero-copy and copying.
  await expect(rows).toHaveCount(8);
  await expect(rows.first()).toHaveAttribute('data-variant', 'wasm-copy-loop');
  await expect(rows.nth(1)).toHaveAttribute('data-variant', 'wasm-memory-copy');
  await expect(page.getByTestId('bench-table').locator('tbody tr[data-variant="js"] td')).toHaveCount(2);
  await expect(page.getByTestId('bench-chart').locator('rect')).toHaveCount(16);
  await expect(page.getByTestId('bench-status')).toContainText('the v128 copy loop');
  // Each cell: the median and the range of the rounds, slowest <= median <= fastest.
  await expect(page.getByTestId('bench-chart').getByTestId('bench-whisker')).toHaveCount(16);
  const cells = page.getByTestId('bench-table').locator('td[data-median]');
  await expect(cells).toHaveCount(16);
  for (const cell of await cells.all()) {
    const [median, min, max] = await Promise.all(
      ['data-median', 'data-min', 'data-max'].map((a) => cell.getAttribute(a)),
    );
    expect(Number(min)).toBeLessThanOrEqual(Number(median));
    expect(Number(median)).toBeLessThanOrEqual(Number(max));
    await expect(cell).toHaveText(/^[\d.]+ \([\d.]+–[\d.]+\)$/);
  }
  // The table scrolls sideways in a named, focusable box.
  const scroller = page.getByTestId('bench-table-scroll');
  await expect(scroller).toHaveAttribute('tabindex', '0');
  await expect(scroller).toHaveAttribute('aria-label', /Benchmark/);
});

test('?bench=quick makes the main benchmark button quick as well', async ({ page }) => {
  await page.goto('./?bench=quick#speed');
  await page.getByTestId('bench-run').click();
  await expect(page.locator('#bench-widget')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(page.getByTestId('bench-table').locator('thead th')).toHaveCount(3);
});

test('the convolution demo counts what ReLU zeroes, per filter', async ({ page }) => {
  const zeroed = page.getByTestId('conv-zeroed');
  await expect(zeroed).toHaveText(/^[\d,]+ of 8,836 \(\d+%\)$/);
  const first = await zeroed.textContent();
  await page.getByTestId('conv-filter').selectOption('spot');
  await expect(zeroed).not.toHaveText(first!);
  await expect(zeroed).toHaveText(/^[\d,]+ of 8,836 \(\d+%\)$/);
  for (const id of ['conv-image', 'conv-before', 'conv-after']) await expect(page.getByTestId(id)).toBeVisible();
});
