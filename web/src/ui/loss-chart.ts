// An SVG line chart of a quantity against training steps (loss by default), one line per
// series, with both axes ticked at round numbers, axis titles with units, an optional legend and
// an optional log scale. Its viewBox follows the element's rendered width (ResizeObserver), so
// tick labels keep their CSS font size at any width instead of shrinking with the chart on a
// phone. Each line has the classes `loss-line s<i>` (style them to recolour); later series are
// also dashed, so they differ by more than colour.
import { svg } from './dom.js';
import { CLASS_1, cssColor } from './palette.js';

export interface LossChartOptions {
  /** The chart's accessible name (role img). */
  label: string;
  /** Number of series (lines); 1 by default, or the number of `names`. */
  series?: number;
  /** One legend entry per series; no legend when omitted. */
  names?: readonly string[];
  /** A data-testid for the <svg>. */
  testid?: string;
  /** Initial width (before the element is laid out) and fixed height, in CSS pixels. 480 x 180 by default. */
  width?: number;
  height?: number;
  /** Axis titles, units included: "steps" and "loss" by default. */
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic y axis (non-positive values are left out while it is on). */
  log?: boolean;
  /** Fixed ends of the y axis (e.g. 0 and 100 for a percentage); by default 0 (or the data's
   *  minimum on a log scale) to the data's maximum. */
  yMin?: number;
  yMax?: number;
  /** Line colours, one per series; a palette by default. */
  colors?: readonly string[];
}

interface Sample {
  step: number;
  value: number;
}

// Keep memory and drawing bounded on long runs: past this many points, thin out the old ones.
const MAX_POINTS = 400;
const DEFAULT_COLORS = ['#1d3557', cssColor(CLASS_1), '#c2410c', '#6b21a8'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];
const AXIS = '#6b675f'; // 5.4:1 on white: axes carry meaning, so above 3:1
const GRID = '#e4e1d8';
// Plot area margins in CSS px: room for y tick labels on the left, x ticks + title below.
const M = { left: 46, right: 12, top: 10, bottom: 34 };
// Height of one legend row in CSS px.
const LEGEND_ROW = 14;
/** Estimated width of a character of the 12 px tick type, for layout before measuring. */
const CHAR_W = 7;

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** Powers of ten covering [lo, hi] (lo > 0), with 2 and 5 between them when the range is short. */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mults = b - a <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = a; e <= b; e++)
    for (const m of mults) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  return ticks.length ? ticks : [10 ** a];
}

/** A tick label: compact, no float noise ("0.001", "2.5", "10k", "1e-5"). */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e9) return `${Number((v / 1000).toPrecision(3))}k`;
  if (a < 1e-3 || a >= 1e9) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

export class LossChart {
  readonly element: SVGSVGElement;
  readonly #lines: SVGPolylineElement[];
  readonly #axes: SVGGElement;
  readonly #options: LossChartOptions;
  #series: Sample[][];
  #log: boolean;
  #w: number;
  readonly #h: number;

  constructor(options: LossChartOptions) {
    const { label, names, testid, width = 480, height = 180, colors = DEFAULT_COLORS } = options;
    const series = options.series ?? names?.length ?? 1;
    this.#options = options;
    this.#log = options.log ?? false;
    this.#w = width;
    this.#h = height;
    this.#lines = Array.from({ length: series }, (_, i) =>
      svg('polyline', {
        class: `loss-line s${i}`,
        points: '',
        fill: 'none',
        stroke: colors[i % colors.length],
        'stroke-width': 2,
        'stroke-dasharray': DASHES[i % DASHES.length] || undefined,
        'stroke-linejoin': 'round',
      }),
    );
    this.#series = this.#lines.map(() => []);
    this.#axes = svg('g', { class: 'axes' });
    this.element = svg(
      'svg',
      {
        viewBox: `0 0 ${width} ${height}`,
        width: '100%',
        height,
        class: 'plot loss-chart',
        role: 'img',
        'aria-label': label,
        'data-testid': testid,
      },
      this.#axes,
      ...this.#lines,
    );
    if (names?.length) this.element.append(this.#legend(names, colors));
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const w = Math.round(this.element.getBoundingClientRect().width);
        if (w > 0 && w !== this.#w) {
          this.#w = w;
          this.element.setAttribute('viewBox', `0 0 ${w} ${this.#h}`);
          this.#redraw();
        }
      }).observe(this.element);
    }
    this.#redraw();
  }

  /** Whether the y axis is logarithmic. */
  get log(): boolean {
    return this.#log;
  }

  /** Switches the y axis between linear and logarithmic. */
  setLog(on: boolean): void {
    this.#log = on;
    this.#redraw();
  }

  /** Empties every series. */
  reset(): void {
    this.#series = this.#lines.map(() => []);
    this.#redraw();
  }

  /** Adds a point to a series; a repeated step replaces the last point; non-finite values are skipped. */
  push(series: number, step: number, value: number): void {
    let s = this.#series[series];
    if (!s || !Number.isFinite(value) || !Number.isFinite(step)) return;
    const last = s[s.length - 1];
    if (last && last.step === step) last.value = value;
    else s.push({ step, value });
    if (s.length > MAX_POINTS) s = this.#series[series] = s.filter((_, i) => i % 2 === 0 || i === s!.length - 1);
    this.#redraw();
  }

  #legend(names: readonly string[], colors: readonly string[]): SVGGElement {
    // Entries (swatch in the series' own dash + name) fill rows at the top right, inside the
    // plot area's margin; #redraw wraps them onto more rows when the chart is too narrow.
    const g = svg('g', { class: 'legend' });
    names.forEach((name, i) => {
      const item = svg(
        'g',
        { class: 'legend-item', 'data-width': 30 + name.length * 7 },
        svg('line', {
          class: `loss-line s${i}`,
          x1: 0,
          x2: 18,
          y1: 0,
          y2: 0,
          stroke: colors[i % colors.length],
          'stroke-width': 2,
          'stroke-dasharray': DASHES[i % DASHES.length] || undefined,
        }),
        svg('text', { x: 22, y: 0, class: 'tick legend-label', 'dominant-baseline': 'middle' }, name),
      );
      g.append(item);
    });
    return g;
  }

  /** Places the legend's entries in right-aligned rows between `left` and `right`; returns the row count. */
  #layoutLegend(legend: SVGGElement, left: number, right: number): number {
    const rows: { item: SVGGElement; w: number }[][] = [[]];
    let used = 0;
    for (const item of legend.querySelectorAll<SVGGElement>('.legend-item')) {
      const w = Number(item.dataset.width);
      if (used > 0 && used + w > right - left) {
        rows.push([]);
        used = 0;
      }
      rows[rows.length - 1]!.push({ item, w });
      used += w;
    }
    rows.forEach((row, r) => {
      let x = Math.max(left, right - row.reduce((sum, e) => sum + e.w, 0));
      for (const { item, w } of row) {
        item.setAttribute('transform', `translate(${x} ${r * LEGEND_ROW})`);
        x += w;
      }
    });
    legend.setAttribute('transform', `translate(0 ${M.top})`);
    return rows.length;
  }

  #redraw(): void {
    const W = this.#w;
    const H = this.#h;
    const { xLabel = 'steps', yLabel = 'loss' } = this.#options;
    const log = this.#log;
    const all = this.#series.flat().filter((p) => !log || p.value > 0);
    const maxStep = Math.max(1, ...all.map((p) => p.step));
    const values = all.map((p) => p.value);
    let lo = this.#options.yMin ?? (log ? Math.min(...values) : Math.min(0, ...values));
    let hi = this.#options.yMax ?? Math.max(...values);
    if (log) {
      lo = lo > 0 && Number.isFinite(lo) ? lo : 1e-3;
      hi = Number.isFinite(hi) && hi > lo ? hi : lo * 10;
    } else if (!(hi > lo)) {
      hi = Number.isFinite(lo) ? lo + 1 : 1;
      lo = Number.isFinite(lo) ? lo : 0;
    }
    const yTicks = log ? logTicks(lo, hi) : niceTicks(lo, hi, 4);
    if (!log) {
      // Extend to the outer ticks so the top line sits on a labelled value.
      lo = Math.min(lo, yTicks[0] ?? lo);
      hi = Math.max(hi, yTicks[yTicks.length - 1] ?? hi);
    } else {
      lo = Math.min(lo, 10 ** Math.floor(Math.log10(lo)));
      hi = Math.max(hi, 10 ** Math.ceil(Math.log10(hi)));
    }
    const xTicks = niceTicks(0, maxStep, Math.max(2, Math.floor((W - M.left - M.right) / 70)));
    const x0 = M.left;
    const x1 = W - M.right;
    const y0 = H - M.bottom;
    const yTitle = log ? `${yLabel} (log)` : yLabel;
    const legend = this.element.querySelector<SVGGElement>('.legend');
    // The legend's rows start right of the y axis' title (widths estimated: the chart may not be
    // laid out yet) and wrap when the chart is narrow.
    const legendLeft = Math.max(x0 + 40, 2 + yTitle.length * CHAR_W + 12);
    const y1 = M.top + (legend ? LEGEND_ROW * this.#layoutLegend(legend, legendLeft, x1) : 0);
    const sx = (step: number): number => x0 + (step / maxStep) * (x1 - x0);
    const ty = (v: number): number => (log ? Math.log10(v) : v);
    const sy = (v: number): number => y0 - ((ty(v) - ty(lo)) / (ty(hi) - ty(lo))) * (y0 - y1);

    const parts: SVGElement[] = [];
    for (const v of yTicks) {
      const y = sy(v);
      parts.push(
        svg('line', { x1: x0, x2: x1, y1: y, y2: y, stroke: GRID }),
        svg('text', { x: x0 - 5, y, class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, tickLabel(v)),
      );
    }
    for (const v of xTicks) {
      const x = sx(v);
      parts.push(
        svg('line', { x1: x, x2: x, y1: y0, y2: y0 + 4, stroke: AXIS }),
        // The last label ends at the axis's end instead of spilling past the right margin.
        svg('text', { x, y: y0 + 15, class: 'tick', 'text-anchor': x > x1 - 16 ? 'end' : 'middle' }, tickLabel(v)),
      );
    }
    parts.push(
      svg('line', { x1: x0, x2: x1, y1: y0, y2: y0, stroke: AXIS, class: 'axis' }),
      svg('line', { x1: x0, x2: x0, y1: y1, y2: y0, stroke: AXIS, class: 'axis' }),
      svg('text', { x: x1, y: H - 3, class: 'tick axis-title', 'text-anchor': 'end' }, xLabel),
      svg('text', { x: 2, y: 2, class: 'tick axis-title', 'dominant-baseline': 'hanging' }, yTitle),
    );
    this.#axes.replaceChildren(...parts);

    this.#series.forEach((s, i) => {
      const points = s
        .filter((p) => !log || p.value > 0)
        .map((p) => `${sx(p.step).toFixed(1)},${sy(Math.min(Math.max(p.value, lo), hi)).toFixed(1)}`);
      this.#lines[i]!.setAttribute('points', points.join(' '));
    });
  }
}
