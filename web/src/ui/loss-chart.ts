// A small SVG line chart of loss against training steps, one line per series; rescales as it
// grows. Each line has the classes `loss-line s<i>` (style them to recolour) and a default
// colour from the palette set as a presentation attribute, which any stylesheet overrides.
import { svg } from './dom.js';
import { CLASS_1, cssColor } from './palette.js';

export interface LossChartOptions {
  /** The chart's accessible name (role img). */
  label: string;
  /** Number of series (lines); 1 by default. */
  series?: number;
  /** A data-testid for the <svg>. */
  testid?: string;
  /** The viewBox size; the chart scales to its box's width. 480 x 170 by default. */
  width?: number;
  height?: number;
}

interface Sample {
  step: number;
  loss: number;
}

// Keep memory and drawing bounded on long runs: past this many points, thin out the old ones.
const MAX_POINTS = 400;
const DEFAULT_COLORS = ['#1d3557', cssColor(CLASS_1), '#c2410c'];

export class LossChart {
  readonly element: SVGSVGElement;
  readonly #lines: SVGPolylineElement[];
  #series: Sample[][];
  readonly #yMax: SVGTextElement;
  readonly #xMax: SVGTextElement;
  readonly #w: number;
  readonly #h: number;

  constructor(options: LossChartOptions) {
    const { label, series = 1, testid, width: W = 480, height: H = 170 } = options;
    this.#w = W;
    this.#h = H;
    this.#lines = Array.from({ length: series }, (_, i) =>
      svg('polyline', {
        class: `loss-line s${i}`,
        points: '',
        fill: 'none',
        stroke: DEFAULT_COLORS[i % DEFAULT_COLORS.length],
        'stroke-width': 2,
      }),
    );
    this.#series = this.#lines.map(() => []);
    // Hung from the top edge, so a page's larger tick font does not push it out of the box.
    this.#yMax = svg('text', { x: 4, y: 3, class: 'tick', 'dominant-baseline': 'hanging' });
    this.#xMax = svg('text', { x: W - 4, y: H - 4, class: 'tick', 'text-anchor': 'end' });
    this.element = svg(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, class: 'plot loss-chart', role: 'img', 'aria-label': label, 'data-testid': testid },
      svg('line', { x1: 0, x2: W, y1: H - 18, y2: H - 18, class: 'axis', stroke: '#9a958a' }),
      svg('text', { x: 4, y: H - 4, class: 'tick' }, 'step 0'),
      this.#yMax,
      this.#xMax,
      ...this.#lines,
    );
  }

  /** Empties every series. */
  reset(): void {
    this.#series = this.#lines.map(() => []);
    this.#redraw();
  }

  /** Adds a point to a series; a repeated step replaces the last point; non-finite losses are skipped. */
  push(series: number, step: number, loss: number): void {
    let s = this.#series[series];
    if (!s || !Number.isFinite(loss)) return;
    const last = s[s.length - 1];
    if (last && last.step === step) last.loss = loss;
    else s.push({ step, loss });
    if (s.length > MAX_POINTS) s = this.#series[series] = s.filter((_, i) => i % 2 === 0 || i === s!.length - 1);
    this.#redraw();
  }

  #redraw(): void {
    const W = this.#w;
    const H = this.#h;
    const all = this.#series.flat();
    const maxStep = Math.max(1, ...all.map((p) => p.step));
    const maxLoss = Math.max(1e-6, ...all.map((p) => p.loss));
    this.#yMax.textContent = all.length ? `loss ${maxLoss.toFixed(2)}` : '';
    this.#xMax.textContent = all.length ? `step ${maxStep.toLocaleString('en-US')}` : '';
    this.#series.forEach((s, i) => {
      const points = s.map(
        (p) =>
          `${((p.step / maxStep) * (W - 8) + 4).toFixed(1)},${(H - 18 - (p.loss / maxLoss) * (H - 34)).toFixed(1)}`,
      );
      this.#lines[i]!.setAttribute('points', points.join(' '));
    });
  }
}
