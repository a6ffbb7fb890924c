// Section 1: ReLU (or Leaky ReLU) and its derivative, with a probe moved by mouse, touch or
// keyboard. Every plotted and printed value comes from relu-wasm (relu / leakyRelu and their
// backward kernels with dy = 1); this module only maps numbers to pixels.
//
// data-testids:
//   relu-plot         the focusable plot (role=slider; arrows move the probe by 0.25, Shift by 1)
//   relu-curve        the f(x) path (its `d` changes with the slope)
//   probe-x, probe-fx, probe-dfx   the probe's x, f(x), f'(x) as plain text
//   probe-note        a note shown when the probe sits at exactly 0
//   leaky-slope       the slope α input (range 0..0.3); leaky-slope-value its printed value
import type { ReluWasm } from 'relu-wasm';

import { el, mountInto, slider, svg } from './dom.js';
import { formatFloat } from './format.js';

const X_MIN = -3;
const X_MAX = 3;
const SAMPLES_PER_UNIT = 40; // x = i / 40 - 3 hits 0 exactly
const W = 600;
const PAD_L = 44;
const PAD_R = 14;
const TOP = { y0: 12, h: 230, min: -1, max: 3 };
const BOTTOM = { y0: 290, h: 110, min: -0.25, max: 1.25 };
const H = 420;

const sx = (x: number): number => PAD_L + ((x - X_MIN) / (X_MAX - X_MIN)) * (W - PAD_L - PAD_R);
const sy = (panel: typeof TOP, y: number): number => panel.y0 + panel.h - ((y - panel.min) / (panel.max - panel.min)) * panel.h;

function pathOf(xs: Float32Array, ys: Float32Array, panel: typeof TOP, from = 0, to = xs.length): string {
  let d = '';
  for (let i = from; i < to; i++) d += `${i === from ? 'M' : 'L'}${sx(xs[i]!).toFixed(1)},${sy(panel, ys[i]!).toFixed(1)}`;
  return d;
}

function axes(panel: typeof TOP, yTicks: number[], label: string): SVGGElement {
  const g = svg('g', { class: 'axes' });
  for (let x = X_MIN; x <= X_MAX; x++) {
    g.append(svg('line', { x1: sx(x), x2: sx(x), y1: panel.y0, y2: panel.y0 + panel.h, class: x === 0 ? 'axis' : 'grid' }));
    g.append(svg('text', { x: sx(x), y: panel.y0 + panel.h + 16, class: 'tick', 'text-anchor': 'middle' }, String(x).replace('-', '−')));
  }
  for (const y of yTicks) {
    g.append(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: sy(panel, y), y2: sy(panel, y), class: y === 0 ? 'axis' : 'grid' }));
    g.append(svg('text', { x: PAD_L - 8, y: sy(panel, y) + 4, class: 'tick', 'text-anchor': 'end' }, String(y).replace('-', '−')));
  }
  g.append(svg('text', { x: PAD_L + 6, y: panel.y0 + 14, class: 'panel-label' }, label));
  return g;
}

export function mountReluPlot(root: HTMLElement, rw: ReluWasm): void {
  const n = (X_MAX - X_MIN) * SAMPLES_PER_UNIT + 1;
  const xs = new Float32Array(n).map((_, i) => i / SAMPLES_PER_UNIT + X_MIN);
  const ones = new Float32Array(n).fill(1);
  const zeroIndex = -X_MIN * SAMPLES_PER_UNIT;

  const curve = svg('path', { class: 'curve f', 'data-testid': 'relu-curve' });
  const gradLeft = svg('path', { class: 'curve df' });
  const gradRight = svg('path', { class: 'curve df' });
  const openLeft = svg('circle', { r: 4, class: 'open-dot' });
  const openRight = svg('circle', { r: 4, class: 'open-dot' });
  const atZero = svg('circle', { r: 4.5, class: 'dot df' });
  const probeLine = svg('line', { y1: TOP.y0, y2: BOTTOM.y0 + BOTTOM.h, class: 'probe-line' });
  const probeF = svg('circle', { r: 6, class: 'probe-dot f' });
  const probeDf = svg('circle', { r: 6, class: 'probe-dot df' });

  const plot = svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`, class: 'plot relu-plot', role: 'slider', tabindex: 0,
      'aria-label': 'Probe position x on the ReLU plot', 'aria-valuemin': X_MIN, 'aria-valuemax': X_MAX,
      'data-testid': 'relu-plot',
    },
    axes(TOP, [-1, 0, 1, 2, 3], 'f(x)'),
    axes(BOTTOM, [0, 1], 'f′(x)'),
    curve, gradLeft, gradRight, openLeft, openRight, atZero, probeLine, probeF, probeDf,
  );

  const out = (testid: string) => el('output', { 'data-testid': testid });
  const px = out('probe-x');
  const pfx = out('probe-fx');
  const pdfx = out('probe-dfx');
  const note = el('p', { class: 'probe-note', 'data-testid': 'probe-note', 'aria-live': 'polite' });
  const readout = el(
    'p', { class: 'readout' },
    el('span', {}, 'x = ', px), el('span', {}, 'f(x) = ', pfx), el('span', {}, 'f′(x) = ', pdfx),
  );
  const slope = slider({
    id: 'leaky-slope', label: 'Leaky ReLU slope α (0 is plain ReLU)', min: 0, max: 0.3, step: 0.01, value: 0,
    testid: 'leaky-slope', format: (v) => v.toFixed(2),
  });
  const caption = el('figcaption', {}, 'ReLU (top) and its derivative (bottom). The filled dot is the value the kernels use at exactly 0.');

  let x = 1;
  let alpha = 0;

  // f and f' for any inputs, through the package: relu/reluBackward for α = 0, leaky otherwise.
  const f = (v: Float32Array): Float32Array => (alpha === 0 ? rw.relu(v) : rw.leakyRelu(v, alpha));
  const df = (v: Float32Array, dy: Float32Array): Float32Array =>
    alpha === 0 ? rw.reluBackward(v, dy) : rw.leakyReluBackward(v, dy, alpha);

  const drawCurves = (): void => {
    const ys = f(xs);
    const ds = df(xs, ones);
    curve.setAttribute('d', pathOf(xs, ys, TOP));
    gradLeft.setAttribute('d', pathOf(xs, ds, BOTTOM, 0, zeroIndex));
    gradRight.setAttribute('d', pathOf(xs, ds, BOTTOM, zeroIndex + 1));
    // The one-sided limits (open dots) and the value at exactly 0 (filled dot).
    for (const [dot, i] of [[openLeft, zeroIndex - 1], [openRight, zeroIndex + 1]] as const) {
      dot.setAttribute('cx', String(sx(0)));
      dot.setAttribute('cy', String(sy(BOTTOM, ds[i]!)));
    }
    atZero.setAttribute('cx', String(sx(0)));
    atZero.setAttribute('cy', String(sy(BOTTOM, ds[zeroIndex]!)));
  };

  const drawProbe = (): void => {
    const v = new Float32Array([x]);
    const fx = f(v)[0]!;
    const dfx = df(v, new Float32Array([1]))[0]!;
    probeLine.setAttribute('x1', String(sx(x)));
    probeLine.setAttribute('x2', String(sx(x)));
    probeF.setAttribute('cx', String(sx(x)));
    probeF.setAttribute('cy', String(sy(TOP, fx)));
    probeDf.setAttribute('cx', String(sx(x)));
    probeDf.setAttribute('cy', String(sy(BOTTOM, dfx)));
    px.textContent = formatFloat(x);
    pfx.textContent = formatFloat(fx);
    pdfx.textContent = formatFloat(dfx);
    plot.setAttribute('aria-valuenow', String(x));
    plot.setAttribute('aria-valuetext', `x = ${formatFloat(x)}, f(x) = ${formatFloat(fx)}, f′(x) = ${formatFloat(dfx)}`);
    note.textContent =
      x === 0
        ? `At exactly 0 the derivative does not exist; the kernels return ${formatFloat(dfx)}, the ` +
          (alpha === 0 ? 'convention of PyTorch, TensorFlow and JAX (section 7).' : 'left slope α, as PyTorch does for Leaky ReLU.')
        : '';
  };

  const setX = (next: number): void => {
    x = Math.min(X_MAX, Math.max(X_MIN, Math.round(next * 100) / 100));
    drawProbe();
  };

  const xFromPointer = (event: PointerEvent): number => {
    const m = plot.getScreenCTM();
    if (!m) return x;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    // Snap to 0.05 so the reader can land on exactly 0.
    return Math.round((X_MIN + ((p.x - PAD_L) / (W - PAD_L - PAD_R)) * (X_MAX - X_MIN)) * 20) / 20;
  };
  plot.addEventListener('pointerdown', (event) => {
    plot.setPointerCapture(event.pointerId);
    setX(xFromPointer(event));
  });
  plot.addEventListener('pointermove', (event) => {
    if (plot.hasPointerCapture(event.pointerId)) setX(xFromPointer(event));
  });
  plot.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 1 : 0.25;
    const moves: Record<string, number> = {
      ArrowLeft: x - step, ArrowDown: x - step, ArrowRight: x + step, ArrowUp: x + step,
      Home: X_MIN, End: X_MAX, PageDown: x - 1, PageUp: x + 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setX(next);
  });
  slope.input.addEventListener('input', () => {
    alpha = Number(slope.input.value);
    drawCurves();
    drawProbe();
  });

  mountInto(root, plot, readout, note, slope.root, caption);
  drawCurves();
  drawProbe();
}
