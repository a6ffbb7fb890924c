// <relu-playground> trains on relu-wasm/datasets' points, bit for bit: for each of its
// datasets, the element's initial loss (from its relu-reset event) equals the loss Node computes
// with the package on generate(dataset, { n: 200, seed: 1 }) and the element's network (2-8-8-1
// ReLU, init seed 1). The same SIMD binary on the same bytes gives the same float; other points
// would give another loss.
import { expect, test } from '@playwright/test';
import { loadRelu } from 'relu-wasm';
import { BINARY_DATASETS, generate } from 'relu-wasm/datasets';

type Reset = { dataset: string; loss: number };

test('the element draws its points from relu-wasm/datasets', async ({ page }) => {
  await page.addInitScript(() => {
    const resets: Reset[] = [];
    (window as unknown as { resets: Reset[] }).resets = resets;
    document.addEventListener('relu-reset', (e) => {
      if ((e.target as Element).id === 'playground') resets.push((e as CustomEvent<Reset>).detail);
    });
  });
  await page.goto('./checks/elements.html');
  const rw = await loadRelu({ simd: true });
  for (const dataset of BINARY_DATASETS) {
    await page.getByTestId('dataset-select').selectOption(dataset);
    const loss = await (
      await page.waitForFunction(
        (d) => (window as unknown as { resets: Reset[] }).resets.filter((r) => r.dataset === d).at(-1)?.loss,
        dataset,
      )
    ).jsonValue();
    const { X, Y } = generate(dataset, { n: 200, seed: 1 });
    const net = rw.createMLP({ sizes: [2, 8, 8, 1], activation: 'relu', seed: 1 });
    expect(loss, dataset).toBe(net.lossAndGradients(X, Y).loss);
    net.dispose();
  }
});
