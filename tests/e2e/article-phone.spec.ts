// The article on a 375 px phone, measured rather than eyeballed: every SVG label in a figure
// renders at 10 CSS px or more (its font size times the SVG's scale on screen), no two labels of
// one chart overlap, nothing sticks out of its figure sideways unless it sits in a sideways
// scroller that says so (shadow edges, a "scroll →" hint, focusable and named), marks that carry
// meaning alone reach 3:1, and "New batch" re-renders the layer matrix without moving anything.
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

/** Scrolls every figure into view, runs the quick benchmark and a step of each paced demo. */
async function liven(page: Page): Promise<void> {
  await page.goto('./?bench=quick');
  for (const figure of await page.locator('main figure.widget').all()) {
    await figure.scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
  }
  await page.getByTestId('bench-run').click();
  await expect(page.locator('#bench-widget')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  // A few steps of each paced demo whose Step is enabled (a continuation waits for its run).
  for (const step of await page.locator('main figure.widget button[data-testid$="-step"]').all()) {
    await step.scrollIntoViewIfNeeded();
    for (let i = 0; i < 3 && (await step.isEnabled()); i++) await step.click();
  }
  await page.waitForTimeout(300);
}

interface Label {
  figure: string;
  chart: number;
  text: string;
  size: number;
  box: { left: number; right: number; top: number; bottom: number };
}

/** Every SVG <text> in the article's figures (shadow roots included), with its rendered size. */
function labels(page: Page): Promise<Label[]> {
  return page.evaluate(() => {
    const out: Label[] = [];
    const svgs: SVGSVGElement[] = [];
    const collect = (root: ParentNode): void => {
      root.querySelectorAll('svg').forEach((s) => svgs.push(s));
      root.querySelectorAll('*').forEach((e) => e.shadowRoot && collect(e.shadowRoot));
    };
    const figures = [...document.querySelectorAll<HTMLElement>('main figure.widget')];
    figures.forEach((f) => collect(f));
    svgs.forEach((svg, chart) => {
      const host = svg.getRootNode() instanceof ShadowRoot ? (svg.getRootNode() as ShadowRoot).host : svg;
      const figure = (host as Element).closest('figure.widget')?.id ?? '?';
      for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
        const r = t.getBoundingClientRect();
        if (!t.textContent?.trim() || r.width === 0) continue;
        const ctm = t.getScreenCTM();
        const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
        out.push({
          figure,
          chart,
          text: t.textContent,
          size: parseFloat(getComputedStyle(t).fontSize) * scale,
          box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
        });
      }
    });
    return out;
  });
}

test('every chart label renders at 10 px or more and none overlap', async ({ page }) => {
  test.setTimeout(90_000);
  await liven(page);
  const all = await labels(page);
  // The plot, the bench chart and the loss charts at least.
  expect(new Set(all.map((l) => l.figure)).size).toBeGreaterThanOrEqual(4);
  const smallest = all.reduce((m, l) => (l.size < m.size ? l : m));
  console.log(
    `article-phone: ${all.length} labels in ${new Set(all.map((l) => l.figure)).size} figures; smallest ${smallest.size.toFixed(1)} px ("${smallest.text}", ${smallest.figure})`,
  );
  const small = all.filter((l) => l.size < 9.95).map((l) => `${l.figure} "${l.text}" ${l.size.toFixed(1)} px`);
  expect(small).toEqual([]);
  const overlaps: string[] = [];
  const byChart = new Map<number, Label[]>();
  for (const l of all) byChart.set(l.chart, [...(byChart.get(l.chart) ?? []), l]);
  for (const group of byChart.values()) {
    group.forEach((a, i) =>
      group.slice(i + 1).forEach((b) => {
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 1 && h > 1) overlaps.push(`${a.figure}: "${a.text}" and "${b.text}"`);
      }),
    );
  }
  expect(overlaps).toEqual([]);
});

test('nothing overflows its figure unless in a sideways scroller with a visible cue', async ({ page }) => {
  test.setTimeout(90_000);
  await liven(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const boxes = [...document.querySelectorAll<HTMLElement>('main figure.widget, main div.widget')];
    for (const fig of boxes) {
      const f = fig.getBoundingClientRect();
      for (const e of fig.querySelectorAll<HTMLElement>('*')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || e.closest('.scroll-x')) continue;
        if (r.left < f.left - 0.5 || r.right > f.right + 0.5)
          out.push(`${fig.id}: <${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}">`);
      }
    }
    // Each scroller whose content is wider than it: focusable, named, and with its hint shown.
    for (const box of document.querySelectorAll<HTMLElement>('main .scroll-x')) {
      if (box.scrollWidth <= box.clientWidth + 1) continue;
      const hint = box.nextElementSibling as HTMLElement | null;
      if (box.tabIndex !== 0 || !box.getAttribute('aria-label')) out.push(`scroller not focusable/named`);
      if (!hint?.classList.contains('scroll-hint') || hint.hidden || hint.offsetHeight === 0)
        out.push(`scroller ${box.getAttribute('aria-label')} has no visible hint`);
      if (!getComputedStyle(box).backgroundImage.includes('gradient'))
        out.push(`scroller ${box.getAttribute('aria-label')} has no shadow edges`);
    }
    return out;
  });
  expect(problems).toEqual([]);
  // At 375 px the benchmark table (its 16,384-float column and ranges) does need its scroller.
  const scroller = page.getByTestId('bench-table-scroll');
  expect(await scroller.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await expect(page.locator('[data-testid="bench-table-scroll"] + .scroll-hint')).toBeVisible();
  await scroller.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => scroller.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
});

test('marks that carry meaning alone reach 3:1 against their background', async ({ page }) => {
  await liven(page);
  const ratios = await page.evaluate(() => {
    const lum = (css: string): number => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string): number => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const white = 'rgb(255, 255, 255)';
    const out: Record<string, number> = {};
    const dead = document.querySelector('#gaz-widget .unit[data-dead="true"]');
    if (dead) out['dead-unit outline'] = ratio(getComputedStyle(dead).stroke, white);
    document.querySelectorAll<SVGElement>('main .loss-chart .axis').forEach((a, i) => {
      out[`loss-chart axis ${i}`] = ratio(a.getAttribute('stroke') ?? getComputedStyle(a).stroke, white);
    });
    const plot = document.querySelector('relu-plot')?.shadowRoot;
    const probe = plot?.querySelector('.probe-line');
    if (probe) out['probe line'] = ratio(getComputedStyle(probe).stroke, white);
    for (const cls of ['v-limit', 'v-copy', 'v-js', 'v-simd', 'v-scalar'])
      document.querySelectorAll(`#bench-widget .bar.${cls}:not(.v-copying)`).forEach((b) => {
        out[`bar ${cls}`] = ratio(getComputedStyle(b).fill, 'rgb(246, 244, 238)');
      });
    return out;
  });
  expect(Object.keys(ratios).length).toBeGreaterThanOrEqual(6);
  const low = Object.entries(ratios).filter(([, r]) => r < 3);
  expect(low).toEqual([]);
});

test('"New batch" re-renders the layer matrix without moving anything', async ({ page }) => {
  await page.goto('./');
  const widget = page.locator('#matrix-widget');
  await widget.scrollIntoViewIfNeeded();
  const ids = ['matrix-before', 'matrix-after', 'matrix-zero-count', 'matrix-resample'];
  const boxes = async () => [
    await widget.boundingBox(),
    ...(await Promise.all(ids.map((id) => page.getByTestId(id).boundingBox()))),
  ];
  const cells = page.getByTestId('matrix-before').locator('td');
  for (let i = 0; i < 4; i++) {
    const before = await boxes();
    const text = (await cells.allTextContents()).join(' ');
    await page.getByTestId('matrix-resample').click();
    await expect.poll(async () => (await cells.allTextContents()).join(' ')).not.toBe(text);
    const after = await boxes();
    after.forEach((box, j) => {
      for (const k of ['x', 'y', 'width', 'height'] as const)
        expect(Math.abs(box![k] - before[j]![k]), `${j === 0 ? 'widget' : ids[j - 1]} ${k}`).toBeLessThanOrEqual(0.5);
    });
  }
});
