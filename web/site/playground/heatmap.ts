// Canvas drawing of values over the [-6, 6]^2 domain: the decision boundary with the data,
// and the small per-neuron thumbnails. TF Playground's palette: orange for negative (class 0),
// blue for positive (class 1); more classes get their own hues.
import { DOMAIN, type Point } from 'relu-wasm/datasets';

type RGB = readonly [number, number, number];
const NEG: RGB = [245, 147, 34];
const MID: RGB = [232, 234, 235];
const POS: RGB = [8, 119, 189];
export const CLASS_COLORS: readonly RGB[] = [NEG, POS, [46, 160, 67], [155, 89, 182], [214, 39, 40], [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]];

export function cssColor(c: RGB): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function mix(a: RGB, b: RGB, t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** t in [-1, 1] to orange ... grey-white ... blue. */
export function diverging(t: number): [number, number, number] {
  if (!Number.isFinite(t)) return [...MID];
  const c = Math.max(-1, Math.min(1, t));
  return c < 0 ? mix(MID, NEG, -c) : mix(MID, POS, c);
}

const scratch = new Map<number, HTMLCanvasElement>();
function scratchCanvas(n: number): HTMLCanvasElement {
  let c = scratch.get(n);
  if (!c) {
    c = document.createElement('canvas');
    c.width = c.height = n;
    scratch.set(n, c);
  }
  return c;
}

/** Paints an n x n grid of colours (row 0 at the top) scaled onto the whole canvas. */
function paintGrid(ctx: CanvasRenderingContext2D, n: number, color: (i: number) => [number, number, number]): void {
  const off = scratchCanvas(n);
  const octx = off.getContext('2d')!;
  const img = octx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = color(i);
    img.data[4 * i] = r;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = b;
    img.data[4 * i + 3] = 255;
  }
  octx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

export interface BoundaryOptions {
  /** Values per grid cell: 1 (binary probability or regression value) or K class probabilities. */
  outputs: number;
  kind: 'binary' | 'multiclass' | 'regression';
  discretize: boolean;
}

export function drawBoundary(ctx: CanvasRenderingContext2D, grid: Float32Array, n: number, o: BoundaryOptions): void {
  if (o.kind === 'multiclass') {
    paintGrid(ctx, n, (i) => {
      let best = 0;
      for (let c = 1; c < o.outputs; c++) if (grid[i * o.outputs + c]! > grid[i * o.outputs + best]!) best = c;
      const p = grid[i * o.outputs + best]!;
      const strength = o.discretize ? 0.6 : Math.max(0, Math.min(1, (p - 1 / o.outputs) / (1 - 1 / o.outputs))) * 0.75;
      return mix(MID, CLASS_COLORS[best % CLASS_COLORS.length]!, strength);
    });
    return;
  }
  paintGrid(ctx, n, (i) => {
    const v = grid[i]!;
    let t = o.kind === 'binary' ? 2 * v - 1 : v;
    if (o.discretize) t = t > 0 ? 1 : -1;
    return diverging(t * 0.8);
  });
}

export function drawThumbnail(ctx: CanvasRenderingContext2D, acts: Float32Array, units: number, unit: number, n: number, discretize: boolean): void {
  let max = 1;
  for (let i = 0; i < n * n; i++) max = Math.max(max, Math.abs(acts[i * units + unit]!));
  paintGrid(ctx, n, (i) => {
    const t = acts[i * units + unit]! / max;
    return diverging(discretize ? Math.sign(t) : t);
  });
}

/** Domain coordinates to canvas pixels and back. */
export function toPixel(ctx: CanvasRenderingContext2D, x1: number, x2: number): [number, number] {
  const { width, height } = ctx.canvas;
  return [((x1 + DOMAIN) / (2 * DOMAIN)) * width, ((DOMAIN - x2) / (2 * DOMAIN)) * height];
}

export function fromClient(canvas: HTMLCanvasElement, clientX: number, clientY: number): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [((clientX - r.left) / r.width) * 2 * DOMAIN - DOMAIN, DOMAIN - ((clientY - r.top) / r.height) * 2 * DOMAIN];
}

export function drawPoints(ctx: CanvasRenderingContext2D, points: readonly Point[], kind: BoundaryOptions['kind'], test: boolean): void {
  const radius = Math.max(2.5, ctx.canvas.width / 110);
  ctx.lineWidth = Math.max(1, radius / 3);
  ctx.strokeStyle = test ? '#000' : '#fff';
  for (const p of points) {
    const [x, y] = toPixel(ctx, p.x1, p.x2);
    const fill = kind === 'regression' ? diverging(p.y) : [...(CLASS_COLORS[p.y % CLASS_COLORS.length] ?? NEG)];
    ctx.fillStyle = `rgb(${fill[0]! | 0}, ${fill[1]! | 0}, ${fill[2]! | 0})`;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}
