// The boundary-heatmap painter: a network's output on an n x n grid, painted onto a canvas in
// the palette's colours, and the data points on top. Row 0 of every grid is the top of the
// picture (x2 largest), column 0 its left edge (x1 smallest).
import { NEUTRAL, classColor, cssColor, diverging, mix, type RGB } from './palette.js';

/** What the grid's values are. */
export type BoundaryKind = 'binary' | 'multiclass' | 'regression';

export interface BoundaryOptions {
  /**
   * binary (default): one P(class 1) per cell; multiclass: `outputs` class probabilities per
   * cell; regression: one value per cell, about -1 to 1.
   */
  kind?: BoundaryKind;
  /** Values per cell for multiclass; 1 otherwise. */
  outputs?: number;
  /** Paint only the predicted side (hard colours) instead of a soft fade. */
  discretize?: boolean;
}

/** A labelled point in data coordinates (`extent` gives their range, see {@link PointOptions}). */
export interface PlotPoint {
  x1: number;
  x2: number;
  /** The class (0, 1, ...), or the target value for regression. */
  y: number;
}

export interface PointOptions {
  /** Coordinates span [-extent, extent] on both axes; 1 (the networks' inputs) by default. */
  extent?: number;
  /** regression colours points by value on the diverging map; otherwise by class. */
  kind?: BoundaryKind;
  /** Dark rings instead of white ones (e.g. for test data drawn over training data). */
  dark?: boolean;
}

// Share of the full colour at full confidence: the points must stay readable on top.
const STRENGTH = 0.8;

/**
 * The inputs for an n x n boundary grid in the networks' [-1, 1] coordinates, [n * n][2],
 * row 0 at the top: predict on these and hand the result to {@link paintBoundary}.
 */
export function boundaryGrid(n: number): Float32Array {
  const X = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      X[2 * (r * n + c)] = ((c + 0.5) / n) * 2 - 1;
      X[2 * (r * n + c) + 1] = 1 - ((r + 0.5) / n) * 2;
    }
  }
  return X;
}

// One small canvas per grid size, reused: the grid is painted at 1 px per cell, then scaled
// (with smoothing) onto the target, which gives the soft edges for free.
const scratch = new Map<number, HTMLCanvasElement>();

/** Paints an n x n grid of colours, `colorOf(i)` for cell i (row-major), over the whole canvas. */
export function paintGrid(ctx: CanvasRenderingContext2D, n: number, colorOf: (i: number) => RGB): void {
  let off = scratch.get(n);
  if (!off) {
    off = document.createElement('canvas');
    off.width = off.height = n;
    scratch.set(n, off);
  }
  const octx = off.getContext('2d');
  if (!octx) return;
  const img = octx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const c = colorOf(i);
    img.data[4 * i] = c[0];
    img.data[4 * i + 1] = c[1];
    img.data[4 * i + 2] = c[2];
    img.data[4 * i + 3] = 255;
  }
  octx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** Paints a decision boundary: `values` holds the network's output on {@link boundaryGrid}(n). */
export function paintBoundary(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  n: number,
  options: BoundaryOptions = {},
): void {
  const { kind = 'binary', outputs = 1, discretize = false } = options;
  if (kind === 'multiclass') {
    paintGrid(ctx, n, (i) => {
      let best = 0;
      for (let c = 1; c < outputs; c++) if (values[i * outputs + c]! > values[i * outputs + best]!) best = c;
      const p = values[i * outputs + best]!;
      const strength = discretize ? 0.6 : Math.max(0, Math.min(1, (p - 1 / outputs) / (1 - 1 / outputs))) * 0.75;
      return mix(NEUTRAL, classColor(best), strength);
    });
    return;
  }
  paintGrid(ctx, n, (i) => {
    const v = values[i]!;
    let t = kind === 'binary' ? 2 * v - 1 : v;
    if (discretize) t = t > 0 ? 1 : -1;
    return diverging(t * STRENGTH);
  });
}

/**
 * Paints one unit's activations over a grid (`values` is [n * n][units]), scaled by the largest
 * magnitude (at least 1) onto the diverging map: the playground's neuron thumbnails.
 */
export function paintActivations(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  n: number,
  units = 1,
  unit = 0,
  discretize = false,
): void {
  let max = 1;
  for (let i = 0; i < n * n; i++) max = Math.max(max, Math.abs(values[i * units + unit]!));
  paintGrid(ctx, n, (i) => {
    const t = values[i * units + unit]! / max;
    return diverging(discretize ? Math.sign(t) : t);
  });
}

/** Data coordinates to canvas pixels. */
export function toCanvas(ctx: CanvasRenderingContext2D, x1: number, x2: number, extent = 1): [number, number] {
  const { width, height } = ctx.canvas;
  return [((x1 + extent) / (2 * extent)) * width, ((extent - x2) / (2 * extent)) * height];
}

/** A pointer position (clientX, clientY) on `canvas` to data coordinates. */
export function fromClient(canvas: HTMLCanvasElement, clientX: number, clientY: number, extent = 1): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [((clientX - r.left) / r.width) * 2 * extent - extent, extent - ((clientY - r.top) / r.height) * 2 * extent];
}

/** Paints the data points as ringed dots in their class colour (or value colour for regression). */
export function paintPoints(
  ctx: CanvasRenderingContext2D,
  points: Iterable<PlotPoint>,
  options: PointOptions = {},
): void {
  const { extent = 1, kind = 'binary', dark = false } = options;
  const radius = Math.max(2.5, ctx.canvas.width / 90);
  ctx.lineWidth = Math.max(1, radius / 3);
  ctx.strokeStyle = dark ? '#000' : '#fff';
  for (const p of points) {
    const [x, y] = toCanvas(ctx, p.x1, p.x2, extent);
    ctx.fillStyle = cssColor(kind === 'regression' ? diverging(p.y) : classColor(p.y));
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}
