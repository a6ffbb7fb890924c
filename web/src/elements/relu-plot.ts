// <relu-plot activation="relu|leaky_relu" slope="0.01">: ReLU (or Leaky ReLU) and its
// derivative as SVG, with a probe moved by pointer or keyboard. Every plotted and printed
// value comes from the package's kernels (relu / leakyRelu and their backward with dy = 1);
// this file only maps numbers to pixels.
//
// At exactly 0 the derivative's one-sided limits show as open dots and the kernels' value as a
// filled dot; with the probe there, a note says what the kernels return and why.
//
// Shadow parts: plot (the focusable slider), readout, probe-note, note. data-testids: plot,
// curve, probe-x, probe-fx, probe-dfx, probe-note, note, error. Event: `relu-probe`
// { x, fx, dfx } on every move.
import type { ReluWasm } from '../relu-wasm.js';
import { AttributeReader } from './attributes.js';
import { el, svg } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';
import { ElementBase, emit } from './dom.js';
import { sharedRelu } from './shared-relu.js';
import { BASE_CSS, adoptStyles } from './styles.js';

const ACTIVATIONS = ['relu', 'leaky_relu'] as const;
type PlotActivation = (typeof ACTIVATIONS)[number];

const X_MIN = -3;
const X_MAX = 3;
const SAMPLES_PER_UNIT = 40; // x = i / 40 - 3 hits 0 exactly
const W = 360;
const PAD_L = 42;
const PAD_R = 10;
const H = 302;
interface Panel {
  y0: number;
  h: number;
  min: number;
  max: number;
}
// Room above the top panel for its highest tick label (centred on the line, so half its
// height sticks out), and below each panel for the x labels, which hang below the axis so the
// lowest y label (−1, left of the corner) and the first x label (−3) never meet.
const TOP_Y0 = 14;
const TOP_H = 154;
const X_LABEL_GAP = 12;
const BOTTOM: Panel = { y0: 204, h: 68, min: -0.25, max: 1.25 };

const sx = (x: number): number => PAD_L + ((x - X_MIN) / (X_MAX - X_MIN)) * (W - PAD_L - PAD_R);
const sy = (p: Panel, y: number): number => p.y0 + p.h - ((y - p.min) / (p.max - p.min)) * p.h;

const CSS = `${BASE_CSS}
figure { margin: 0; max-width: 36rem; }
svg { display: block; width: 100%; height: auto; touch-action: pan-y; cursor: crosshair; border-radius: 4px; }
svg:focus-visible { outline: 3px solid var(--relu-accent); outline-offset: 2px; }
.grid { stroke: var(--relu-rule); stroke-width: 1; }
.axis { stroke: var(--relu-muted); stroke-width: 1; }
.tick, .label { font-size: 11px; fill: var(--relu-muted); }
.curve { fill: none; stroke-width: 2.5; }
.f { stroke: var(--relu-f); }
.df { stroke: var(--relu-df); }
.dot.df { fill: var(--relu-df); stroke: none; }
.open { fill: var(--relu-panel); stroke: var(--relu-df); stroke-width: 2; }
.probe-line { stroke: var(--relu-muted); stroke-dasharray: 3 3; }
.probe-dot { stroke: var(--relu-panel); stroke-width: 2; }
.probe-dot.f { fill: var(--relu-f); }
.probe-dot.df { fill: var(--relu-df); }
.readout { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.4rem 0 0; font-variant-numeric: tabular-nums; }
.probe-note { min-height: 1.4em; margin: 0.2rem 0 0; color: var(--relu-df); font-size: 0.85rem; }
.hint { margin: 0.2rem 0 0; color: var(--relu-muted); font-size: 0.8rem; }
/* On a phone the 360-unit drawing shrinks below 1:1: larger type keeps the ticks readable. */
:host { container-type: inline-size; }
@container (max-width: 420px) { .tick, .label { font-size: 15px; } }
`;

export class ReluPlotElement extends ElementBase {
  static readonly observedAttributes = ['activation', 'slope'];

  readonly #root: ShadowRoot;
  readonly #plot: SVGSVGElement;
  readonly #axes: SVGGElement;
  readonly #curve: SVGPathElement;
  readonly #gradLeft: SVGPathElement;
  readonly #gradRight: SVGPathElement;
  readonly #openLeft: SVGCircleElement;
  readonly #openRight: SVGCircleElement;
  readonly #atZero: SVGCircleElement;
  readonly #probeLine: SVGLineElement;
  readonly #probeF: SVGCircleElement;
  readonly #probeDf: SVGCircleElement;
  readonly #out: { x: HTMLElement; fx: HTMLElement; dfx: HTMLElement };
  readonly #note: HTMLParagraphElement;
  readonly #probeNote: HTMLParagraphElement;
  readonly #error: HTMLParagraphElement;
  #rw: ReluWasm | undefined;
  #activation: PlotActivation = 'relu';
  #slope = 0.01;
  #top: Panel = { y0: TOP_Y0, h: TOP_H, min: -1, max: 3 };
  #x = 1;
  /** The derivative's left and right limits at 0, from the kernels (f' just left and right of 0). */
  #limits: [number, number] = [0, 1];

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, CSS);
    const cls = (c: string, extra: Record<string, string | number> = {}) => ({ class: c, ...extra });
    this.#axes = svg('g');
    this.#curve = svg('path', cls('curve f', { 'data-testid': 'curve' }));
    this.#gradLeft = svg('path', cls('curve df'));
    this.#gradRight = svg('path', cls('curve df'));
    this.#openLeft = svg('circle', cls('open', { r: 3.5 }));
    this.#openRight = svg('circle', cls('open', { r: 3.5 }));
    this.#atZero = svg('circle', cls('dot df', { r: 4 }));
    this.#probeLine = svg('line', cls('probe-line'));
    this.#probeF = svg('circle', cls('probe-dot f', { r: 5.5 }));
    this.#probeDf = svg('circle', cls('probe-dot df', { r: 5.5 }));
    this.#plot = svg(
      'svg',
      {
        viewBox: `0 0 ${W} ${H}`,
        role: 'slider',
        tabindex: 0,
        part: 'plot',
        'data-testid': 'plot',
        'aria-valuemin': X_MIN,
        'aria-valuemax': X_MAX,
        'aria-valuenow': this.#x,
        'aria-busy': 'true',
      },
      this.#axes,
      this.#curve,
      this.#gradLeft,
      this.#gradRight,
      this.#openLeft,
      this.#openRight,
      this.#atZero,
      this.#probeLine,
      this.#probeF,
      this.#probeDf,
    );
    const out = (id: string) => el('span', { 'data-testid': id }, '…');
    this.#out = { x: out('probe-x'), fx: out('probe-fx'), dfx: out('probe-dfx') };
    this.#note = el('p', { class: 'note', role: 'note', 'data-testid': 'note', part: 'note', hidden: true });
    this.#error = el('p', { class: 'error', role: 'alert', 'data-testid': 'error' });
    const readout = el(
      'p',
      { class: 'readout', part: 'readout' },
      el('span', {}, 'x = ', this.#out.x),
      el('span', {}, 'f(x) = ', this.#out.fx),
      el('span', {}, 'f′(x) = ', this.#out.dfx),
    );
    this.#probeNote = el('p', {
      class: 'probe-note',
      part: 'probe-note',
      'data-testid': 'probe-note',
      'aria-live': 'polite',
    });
    const hint = el(
      'p',
      { class: 'hint' },
      'Drag, tap, or focus the plot and use the arrow keys (Shift: bigger steps).',
    );
    this.#root.append(el('figure', {}, this.#plot, readout, this.#probeNote, hint), this.#note, this.#error);
    this.#plot.addEventListener('pointerdown', (e) => {
      this.#plot.setPointerCapture(e.pointerId);
      this.#setX(this.#xFromPointer(e));
    });
    this.#plot.addEventListener('pointermove', (e) => {
      if (this.#plot.hasPointerCapture(e.pointerId)) this.#setX(this.#xFromPointer(e));
    });
    this.#plot.addEventListener('keydown', (e) => this.#onKey(e));
  }

  /** The probe's position, -3 to 3. */
  get x(): number {
    return this.#x;
  }

  set x(value: number) {
    if (Number.isFinite(value)) this.#setX(value);
  }

  connectedCallback(): void {
    this.#readAttributes();
    if (this.#rw) return this.#draw();
    sharedRelu(this.getAttribute('wasm-paths')).then(
      (rw) => {
        this.#rw = rw;
        this.#plot.removeAttribute('aria-busy');
        this.#draw();
      },
      (error: unknown) => {
        this.#error.textContent = `relu-wasm did not load: ${error instanceof Error ? error.message : String(error)}`;
        emit(this, 'relu-error', { error });
      },
    );
  }

  attributeChangedCallback(): void {
    if (!this.isConnected) return;
    this.#readAttributes();
    this.#draw();
  }

  #readAttributes(): void {
    const read = new AttributeReader(this);
    this.#activation = read.oneOf('activation', ACTIVATIONS, 'relu');
    this.#slope = read.number('slope', 0, 1, 0.01);
    this.#note.textContent = read.notes.join(' ');
    this.#note.hidden = read.notes.length === 0;
    const name = this.#activation === 'relu' ? 'ReLU' : `Leaky ReLU (slope ${formatNumber(this.#slope)})`;
    this.#plot.setAttribute('aria-label', `${name} and its derivative: probe position x`);
    // Leaky ReLU with a large slope goes below -1 at x = -3: widen the top panel to fit.
    const min = this.#activation === 'relu' ? -1 : -Math.max(1, Math.ceil(-X_MIN * this.#slope));
    this.#top = { y0: TOP_Y0, h: TOP_H, min, max: 3 };
    this.#drawAxes();
  }

  // f and f' through the package: relu/reluBackward, or the leaky kernels.
  #f(v: Float32Array): Float32Array {
    return this.#activation === 'relu' ? this.#rw!.relu(v) : this.#rw!.leakyRelu(v, this.#slope);
  }

  #df(v: Float32Array): Float32Array {
    const ones = new Float32Array(v.length).fill(1);
    return this.#activation === 'relu'
      ? this.#rw!.reluBackward(v, ones)
      : this.#rw!.leakyReluBackward(v, ones, this.#slope);
  }

  #drawAxes(): void {
    const g = this.#axes;
    g.replaceChildren();
    for (const p of [this.#top, BOTTOM]) {
      for (let x = X_MIN; x <= X_MAX; x++) {
        g.append(svg('line', { x1: sx(x), x2: sx(x), y1: p.y0, y2: p.y0 + p.h, class: x === 0 ? 'axis' : 'grid' }));
        g.append(
          svg(
            'text',
            {
              x: sx(x),
              y: p.y0 + p.h + X_LABEL_GAP,
              class: 'tick',
              'text-anchor': 'middle',
              'dominant-baseline': 'hanging',
            },
            String(x).replace('-', '−'),
          ),
        );
      }
      const ticks = p === BOTTOM ? [0, 1] : Array.from({ length: p.max - p.min + 1 }, (_, i) => p.min + i);
      for (const y of ticks) {
        g.append(
          svg('line', { x1: PAD_L, x2: W - PAD_R, y1: sy(p, y), y2: sy(p, y), class: y === 0 ? 'axis' : 'grid' }),
        );
        g.append(
          svg(
            'text',
            { x: PAD_L - 9, y: sy(p, y), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'central' },
            String(y).replace('-', '−'),
          ),
        );
      }
    }
    g.append(svg('text', { x: PAD_L + 5, y: this.#top.y0 + 12, class: 'label' }, 'f(x)'));
    g.append(svg('text', { x: PAD_L + 5, y: BOTTOM.y0 + 12, class: 'label' }, 'f′(x)'));
    this.#probeLine.setAttribute('y1', String(this.#top.y0));
    this.#probeLine.setAttribute('y2', String(BOTTOM.y0 + BOTTOM.h));
  }

  #draw(): void {
    if (!this.#rw) return;
    const n = (X_MAX - X_MIN) * SAMPLES_PER_UNIT + 1;
    const xs = new Float32Array(n).map((_, i) => i / SAMPLES_PER_UNIT + X_MIN);
    const ys = this.#f(xs);
    const ds = this.#df(xs);
    const zero = -X_MIN * SAMPLES_PER_UNIT;
    const path = (values: Float32Array, p: Panel, from: number, to: number): string => {
      let d = '';
      for (let i = from; i < to; i++)
        d += `${i === from ? 'M' : 'L'}${sx(xs[i]!).toFixed(1)},${sy(p, values[i]!).toFixed(1)}`;
      return d;
    };
    this.#curve.setAttribute('d', path(ys, this.#top, 0, n));
    this.#gradLeft.setAttribute('d', path(ds, BOTTOM, 0, zero));
    this.#gradRight.setAttribute('d', path(ds, BOTTOM, zero + 1, n));
    // The derivative's one-sided limits (open dots) and the kernels' value at exactly 0.
    for (const [dot, i] of [
      [this.#openLeft, zero - 1],
      [this.#openRight, zero + 1],
      [this.#atZero, zero],
    ] as const) {
      dot.setAttribute('cx', String(sx(0)));
      dot.setAttribute('cy', String(sy(BOTTOM, ds[i]!)));
    }
    this.#limits = [ds[zero - 1]!, ds[zero + 1]!];
    this.#drawProbe();
  }

  #drawProbe(): void {
    if (!this.#rw) return;
    const x = this.#x;
    const v = new Float32Array([x]);
    const fx = this.#f(v)[0]!;
    const dfx = this.#df(v)[0]!;
    for (const [node, attr, value] of [
      [this.#probeLine, 'x1', sx(x)],
      [this.#probeLine, 'x2', sx(x)],
      [this.#probeF, 'cx', sx(x)],
      [this.#probeF, 'cy', sy(this.#top, fx)],
      [this.#probeDf, 'cx', sx(x)],
      [this.#probeDf, 'cy', sy(BOTTOM, dfx)],
    ] as const)
      node.setAttribute(attr, String(value));
    this.#out.x.textContent = formatNumber(x);
    this.#out.fx.textContent = formatNumber(fx);
    this.#out.dfx.textContent = formatNumber(dfx);
    this.#plot.setAttribute('aria-valuenow', String(x));
    this.#plot.setAttribute(
      'aria-valuetext',
      `x = ${formatNumber(x)}, f(x) = ${formatNumber(fx)}, f′(x) = ${formatNumber(dfx)}`,
    );
    this.#probeNote.textContent = x === 0 ? this.#kinkNote(dfx) : '';
    emit(this, 'relu-probe', { x, fx, dfx });
  }

  // What the reader sees at the kink: the limits differ, so the kernels pick a value.
  #kinkNote(dfx: number): string {
    const [left, right] = this.#limits.map(formatNumber);
    const why =
      this.#activation === 'relu'
        ? 'the convention of PyTorch, TensorFlow and JAX'
        : 'the left slope, as PyTorch does for Leaky ReLU';
    return `At exactly 0 the derivative does not exist: its limit is ${left} from the left (open dot) and ${right} from the right. The kernels return ${formatNumber(dfx)} (filled dot), ${why}.`;
  }

  #setX(next: number): void {
    this.#x = Math.min(X_MAX, Math.max(X_MIN, Math.round(next * 100) / 100));
    this.#plot.setAttribute('aria-valuenow', String(this.#x));
    this.#drawProbe();
  }

  #xFromPointer(event: PointerEvent): number {
    const m = this.#plot.getScreenCTM();
    if (!m) return this.#x;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    // Snap to 0.05 so a pointer can land on exactly 0.
    return Math.round((X_MIN + ((p.x - PAD_L) / (W - PAD_L - PAD_R)) * (X_MAX - X_MIN)) * 20) / 20;
  }

  #onKey(event: KeyboardEvent): void {
    const x = this.#x;
    const step = event.shiftKey ? 1 : 0.25;
    const moves: Record<string, number> = {
      ArrowLeft: x - step,
      ArrowDown: x - step,
      ArrowRight: x + step,
      ArrowUp: x + step,
      Home: X_MIN,
      End: X_MAX,
      PageDown: x - 1,
      PageUp: x + 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#setX(next);
  }
}
