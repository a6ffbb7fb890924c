// A small SVG line chart of loss against training steps; rescales as it grows.
import { svg } from './dom.js';

export class LossChart {
  readonly element: SVGSVGElement;
  readonly #lines: SVGPolylineElement[];
  readonly #series: { step: number; loss: number }[][];
  readonly #yMaxLabel: SVGTextElement;
  readonly #xMaxLabel: SVGTextElement;
  static readonly W = 480;
  static readonly H = 170;

  /** One line per series name; `classes` give their colours (CSS). */
  constructor(label: string, classes: string[], testid: string) {
    const { W, H } = LossChart;
    this.#lines = classes.map((c) => svg('polyline', { class: `loss-line ${c}`, points: '' }));
    this.#series = classes.map(() => []);
    this.#yMaxLabel = svg('text', { x: 4, y: 12, class: 'tick' }, '');
    this.#xMaxLabel = svg('text', { x: W - 4, y: H - 4, class: 'tick', 'text-anchor': 'end' }, '');
    this.element = svg(
      'svg', { viewBox: `0 0 ${W} ${H}`, class: 'plot loss-chart', role: 'img', 'aria-label': label, 'data-testid': testid },
      svg('line', { x1: 0, x2: W, y1: H - 18, y2: H - 18, class: 'axis' }),
      svg('text', { x: 4, y: H - 4, class: 'tick' }, 'step 0'),
      this.#yMaxLabel, this.#xMaxLabel, ...this.#lines,
    );
  }

  reset(): void {
    for (const s of this.#series) s.length = 0;
    this.#redraw();
  }

  push(series: number, step: number, loss: number): void {
    const s = this.#series[series]!;
    if (!Number.isFinite(loss)) return;
    s.push({ step, loss });
    // Keep the chart light: thin out old points once there are many.
    if (s.length > 400) this.#series[series] = s.filter((_, i) => i % 2 === 0 || i === s.length - 1);
    this.#redraw();
  }

  #redraw(): void {
    const { W, H } = LossChart;
    const all = this.#series.flat();
    const maxStep = Math.max(1, ...all.map((p) => p.step));
    const maxLoss = Math.max(1e-6, ...all.map((p) => p.loss));
    this.#yMaxLabel.textContent = all.length ? `loss ${maxLoss.toFixed(2)}` : '';
    this.#xMaxLabel.textContent = all.length ? `step ${maxStep.toLocaleString('en-US')}` : '';
    this.#series.forEach((s, i) => {
      this.#lines[i]!.setAttribute(
        'points',
        s.map((p) => `${((p.step / maxStep) * (W - 8) + 4).toFixed(1)},${(H - 18 - (p.loss / maxLoss) * (H - 34)).toFixed(1)}`).join(' '),
      );
    });
  }
}
