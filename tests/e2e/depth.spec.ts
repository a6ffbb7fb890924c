// Section 7, "Why ReLU trains deep networks" (#depth-widget): per-layer weight-gradient norms
// at initialisation for each activation and initialisation, the four activations trained side
// by side at the reader's pace, invalid depth input, keyboard, axe and the strict CSP, at 1280
// and 375 px. The widget's seed is fixed, so the figures are exact; the margins below held for
// seeds 1 to 8 of the same network, and the loss bounds for every step from 300 to 2000 of the
// widget's run. Never timings.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const num = async (page: Page, testid: string): Promise<number> =>
  Number((await page.getByTestId(testid).textContent())!.trim());

/** The data-norm of each row of vg-norms, in row order, with its data-layer. */
const rows = (page: Page): Promise<{ layer: number; norm: number }[]> =>
  page
    .getByTestId('vg-norms')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ layer: Number(tr.getAttribute('data-layer')), norm: Number(tr.getAttribute('data-norm')) })),
    );

async function setDepth(page: Page, depth: string): Promise<void> {
  await page.getByTestId('vg-depth').fill(depth);
}

async function ratioFor(page: Page, activation: string, init = 'he'): Promise<number> {
  await page.getByTestId('vg-init').selectOption(init);
  await page.getByTestId('vg-activation').selectOption(activation);
  return num(page, 'vg-ratio');
}

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the norms at initialisation are there before Play: one row per hidden layer, ratio = first / last', async ({
      page,
    }) => {
      await page.goto('./');
      const widget = page.locator('#depth-widget');
      await expect(widget).toHaveAttribute('data-state', 'idle');
      await expect(page.getByTestId('vg-depth')).toHaveValue('10');
      await expect(page.getByTestId('vg-activation')).toHaveValue('relu');
      await expect(page.getByTestId('vg-init')).toHaveValue('he');
      await expect(page.getByTestId('vg-activation').locator('option')).toHaveText([
        'ReLU',
        'Leaky ReLU',
        'tanh',
        'sigmoid',
      ]);
      expect(
        await page
          .getByTestId('vg-activation')
          .locator('option')
          .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).toEqual(['relu', 'leaky_relu', 'tanh', 'sigmoid']);
      expect(
        await page
          .getByTestId('vg-init')
          .locator('option')
          .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).toEqual(['he', 'xavier']);

      const r = await rows(page);
      expect(r.map((x) => x.layer)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const { norm } of r) {
        expect(Number.isFinite(norm)).toBe(true);
        expect(norm).toBeGreaterThan(0);
      }
      const ratio = await num(page, 'vg-ratio');
      expect(Math.abs(ratio / (r[0]!.norm / r[9]!.norm) - 1)).toBeLessThan(5e-3);
      await expect(page.getByTestId('vg-steps')).toHaveText('0');

      // Nothing sideways off the page; the table and the chart inside the viewport.
      await widget.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      for (const id of ['vg-norms', 'vg-loss-chart', 'vg-summary', 'vg-init', 'vg-play', 'vg-reset']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x, id).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, id).toBeLessThanOrEqual(width + 0.5);
      }
      // Every label in the widget renders at 10 CSS px or more (SVG text scaled by its viewBox).
      const small = await widget.evaluate((root) => {
        const out: string[] = [];
        for (const node of root.querySelectorAll<HTMLElement | SVGTextElement>(
          'th, td, label, caption, output, text',
        )) {
          if (!node.textContent?.trim()) continue;
          let size = parseFloat(getComputedStyle(node).fontSize);
          if (node instanceof SVGTextElement) size *= node.getScreenCTM()?.a ?? 1;
          if (size < 10) out.push(`${node.textContent} ${size}px`);
        }
        return out;
      });
      expect(small).toEqual([]);
      // The legend's entries do not leave the chart.
      const chart = (await page.getByTestId('vg-loss-chart').boundingBox())!;
      for (const box of await page
        .getByTestId('vg-loss-chart')
        .locator('.legend-label')
        .evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.x).toBeGreaterThanOrEqual(chart.x);
        expect(box.x + box.width).toBeLessThanOrEqual(chart.x + chart.width + 0.5);
      }
    });

    test('sigmoid starves the first layer, ReLU with He does not; Xavier shrinks every ReLU layer', async ({
      page,
    }) => {
      await page.goto('./');
      // Depth 1: first and last hidden layer are the same layer.
      await setDepth(page, '1');
      await expect(page.getByTestId('vg-norms').locator('tbody tr')).toHaveCount(1);
      for (const act of ['relu', 'leaky_relu', 'tanh', 'sigmoid']) expect(await ratioFor(page, act)).toBe(1);

      // Depth 10 and 20: ReLU's ratio is orders of magnitude above the sigmoid's (seeds 1-8 of
      // this network: at least 9.4e3 times at depth 10 and 3.4e9 times at depth 20).
      await setDepth(page, '10');
      await expect(page.getByTestId('vg-norms').locator('tbody tr')).toHaveCount(10);
      const sigmoid10 = await ratioFor(page, 'sigmoid');
      const relu10 = await ratioFor(page, 'relu');
      expect(sigmoid10).toBeGreaterThan(0);
      expect(relu10).toBeGreaterThan(1000 * sigmoid10);
      expect(relu10).toBeGreaterThan(0.05);
      expect(relu10).toBeLessThan(20);
      // The summary gives the same figures for all four at once.
      expect(await num(page, 'vg-ratio-sigmoid')).toBe(sigmoid10);
      expect(await num(page, 'vg-ratio-relu')).toBe(relu10);

      await setDepth(page, '20');
      await expect(page.getByTestId('vg-norms').locator('tbody tr')).toHaveCount(20);
      const sigmoid20 = await ratioFor(page, 'sigmoid');
      const relu20 = await ratioFor(page, 'relu');
      expect(relu20).toBeGreaterThan(1e8 * sigmoid20);
      expect(sigmoid20).toBeLessThan(sigmoid10);

      // ReLU at depth 20: every layer's gradient with He is over 10x any layer's with Xavier
      // (seeds 1-8: at least 51x).
      const he = (await rows(page)).map((x) => x.norm);
      await page.getByTestId('vg-init').selectOption('xavier');
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText('Xavier');
      const xavier = (await rows(page)).map((x) => x.norm);
      expect(xavier).toHaveLength(20);
      expect(Math.min(...he)).toBeGreaterThan(10 * Math.max(...xavier));
    });

    test('depth input: valid values change the rows, invalid ones say why and keep the last state', async ({
      page,
    }) => {
      await page.goto('./');
      const body = page.getByTestId('vg-norms').locator('tbody tr');
      const error = page.getByTestId('vg-depth-error');
      await setDepth(page, '5');
      await expect(body).toHaveCount(5);
      await expect(error).toBeEmpty();
      const before = await rows(page);
      const ratio = await page.getByTestId('vg-ratio').textContent();

      for (const bad of ['0', '21', '', '-4', '2.5']) {
        await setDepth(page, bad);
        await expect(error, bad).toContainText('whole number from 1 to 20');
        await expect(error, bad).toContainText('Still showing 5 hidden layers');
        await expect(page.getByTestId('vg-depth')).toHaveAttribute('aria-invalid', 'true');
        await expect(body).toHaveCount(5);
      }
      // Text in a number field: the browser reports it as bad input (an empty value).
      await page.getByTestId('vg-depth').evaluate((input: HTMLInputElement) => {
        input.value = '';
        input.dispatchEvent(new Event('input'));
      });
      await expect(error).toContainText('not a number');
      expect(await rows(page)).toEqual(before);
      await expect(page.getByTestId('vg-ratio')).toHaveText(ratio!);

      await setDepth(page, '12');
      await expect(body).toHaveCount(12);
      await expect(error).toBeEmpty();
      await expect(page.getByTestId('vg-depth')).not.toHaveAttribute('aria-invalid', 'true');
    });

    test('nothing trains before Play; Play trains all four and charts them; Reset goes back to step 0', async ({
      page,
    }) => {
      await page.goto('./');
      const widget = page.locator('#depth-widget');
      await widget.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await expect(page.getByTestId('vg-steps')).toHaveText('0');
      await expect(widget).toHaveAttribute('data-state', 'idle');

      // Step: exactly 10 steps, then a pause.
      await page.getByTestId('vg-step').click();
      await expect(page.getByTestId('vg-steps')).toHaveText('10');
      await expect(widget).toHaveAttribute('data-state', 'paused');

      await page.getByTestId('vg-speed').selectOption({ index: 2 });
      await page.getByTestId('vg-play').click();
      await expect(widget).toHaveAttribute('data-state', 'running');
      await expect.poll(() => num(page, 'vg-steps'), { timeout: 45_000 }).toBeGreaterThanOrEqual(500);
      await page.getByTestId('vg-play').click();
      await expect(widget).toHaveAttribute('data-state', 'paused');
      const steps = await num(page, 'vg-steps');
      await page.waitForTimeout(300);
      expect(await num(page, 'vg-steps')).toBe(steps);

      // Four lines, each with many points; at depth 10 (He) ReLU, Leaky ReLU and tanh have
      // learned the circle by step 500 (their loss stays below 0.08 from step 300 to 2000)
      // while the sigmoid sits near ln 2 (above 0.69 over the same steps).
      const lines = page.getByTestId('vg-loss-chart').locator('polyline.loss-line');
      await expect(lines).toHaveCount(4);
      for (const points of await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('points') ?? ''))) {
        expect(points.trim().split(/\s+/).length).toBeGreaterThan(20);
      }
      for (const act of ['relu', 'leaky_relu', 'tanh']) expect(await num(page, `vg-loss-${act}`)).toBeLessThan(0.1);
      expect(await num(page, 'vg-loss-sigmoid')).toBeGreaterThan(0.6);
      // Every label of the chart (ticks, titles, legend) lies inside it.
      const outside = await page.getByTestId('vg-loss-chart').evaluate((chart) => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll('text')]
          .map((t) => [t.textContent, t.getBoundingClientRect()] as const)
          .filter(
            ([, r]) =>
              r.left < box.left - 0.5 ||
              r.right > box.right + 0.5 ||
              r.top < box.top - 0.5 ||
              r.bottom > box.bottom + 0.5,
          )
          .map(([text]) => text);
      });
      expect(outside).toEqual([]);
      // The "now" column has moved away from the "at step 0" one.
      const cells = page.getByTestId('vg-norms').locator('tbody tr').first().locator('td.num');
      expect(await cells.nth(1).textContent()).not.toBe(await cells.nth(0).textContent());
      // While playing, each network is measured every 10 steps; a Step press measures all four.
      const shown = Number(
        (await page.getByTestId('vg-norms').locator('caption').textContent())!.match(/step (\d+)/)![1],
      );
      expect(shown).toBeLessThanOrEqual(steps);
      expect(shown).toBeGreaterThan(steps - 10);
      await page.getByTestId('vg-step').click();
      await expect(page.getByTestId('vg-steps')).toHaveText(String(steps + 10));
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText(`step ${steps + 10}`);

      // Switching the activation only changes which network the table shows.
      await page.getByTestId('vg-activation').selectOption('sigmoid');
      await expect(page.getByTestId('vg-steps')).toHaveText(String(steps + 10));
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText('sigmoid');
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText(`step ${steps + 10}`);

      await page.getByTestId('vg-reset').click();
      await expect(page.getByTestId('vg-steps')).toHaveText('0');
      await expect(widget).toHaveAttribute('data-state', 'idle');
      for (const points of await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('points') ?? ''))) {
        expect(points.trim().split(/\s+/)).toHaveLength(1);
      }
    });

    test('keyboard only: depth, activation, initialisation and Play', async ({ page }) => {
      await page.goto('./');
      const depth = page.getByTestId('vg-depth');
      await depth.focus();
      await page.keyboard.press('ArrowUp');
      await expect(depth).toHaveValue('11');
      await expect(page.getByTestId('vg-norms').locator('tbody tr')).toHaveCount(11);
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('vg-activation')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByTestId('vg-activation')).toHaveValue('leaky_relu');
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText('Leaky ReLU');
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('vg-init')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByTestId('vg-init')).toHaveValue('xavier');
      await expect(page.getByTestId('vg-norms').locator('caption')).toContainText('Xavier');
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('vg-play')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect.poll(() => num(page, 'vg-steps'), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.keyboard.press('Space');
      await expect(page.locator('#depth-widget')).toHaveAttribute('data-state', 'paused');
    });

    test('axe finds nothing serious in the widget, idle and trained, and the strict CSP holds', async ({ page }) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const response = await page.goto('./');
      expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
      await page.locator('#depth-widget').scrollIntoViewIfNeeded();
      const scan = async (): Promise<string[]> =>
        (await new AxeBuilder({ page }).include('#depth-widget').analyze()).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(await scan()).toEqual([]);
      await setDepth(page, '0');
      await page.getByTestId('vg-step').click();
      await page.getByTestId('vg-step').click();
      await expect(page.getByTestId('vg-steps')).toHaveText('20');
      expect(await scan()).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
}

test('if WebAssembly cannot load, the widget says so and the prose around it stays', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('./');
  await expect(page.locator('#depth-widget .widget-error')).toContainText('WebAssembly could not start');
  await expect(page.locator('section#depth')).toContainText('at most 1/4');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the section reads: the derivative bounds, He initialisation and a fallback in the figure', async ({ page }) => {
    await page.goto('./');
    const section = page.locator('section#depth');
    await expect(section.locator('h2')).toContainText('Why ReLU trains deep networks');
    await expect(section).toContainText('at most 1/4');
    await expect(section).toContainText('2 / fan-in');
    await expect(section.locator('#depth-widget .widget-fallback')).toContainText('needs JavaScript');
    await expect(section.locator('a.cite[href="#ref-he2015"]')).toHaveCount(1);
    await expect(section.locator('a[href="#dying"]')).toHaveCount(1);
    // In the contents, between Training and the kink at 0.
    const toc = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(toc.indexOf('#depth')).toBe(toc.indexOf('#training') + 1);
    expect(toc.indexOf('#zero')).toBeGreaterThan(toc.indexOf('#depth'));
  });
});
