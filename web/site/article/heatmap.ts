// Draws a 2-class network's decision surface (net.predict on a grid) and the data points on
// a canvas, in TensorFlow Playground's colours (orange = class 0, blue = class 1).
import type { MLP } from 'relu-wasm';
import { DOMAIN, type Point } from 'relu-wasm/datasets';

const GRID = 50;

/** The grid's inputs, in the engine's [-1, 1] coordinates, row 0 at the top (x2 = +1). */
const gridInputs = (() => {
  const X = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      X[2 * (r * GRID + c)] = ((c + 0.5) / GRID) * 2 - 1;
      X[2 * (r * GRID + c) + 1] = 1 - ((r + 0.5) / GRID) * 2;
    }
  }
  return X;
})();

const ORANGE = [245, 147, 34] as const;
const BLUE = [8, 119, 189] as const;
const WHITE = [250, 250, 246] as const;

function mix(p: number): [number, number, number] {
  // p = P(class 1); fade to white near 0.5 so the boundary reads as a soft edge.
  const t = Math.min(1, Math.abs(p - 0.5) * 2) * 0.75;
  const c = p >= 0.5 ? BLUE : ORANGE;
  return [0, 1, 2].map((i) => Math.round(WHITE[i]! + (c[i]! - WHITE[i]!) * t)) as [number, number, number];
}

export class Heatmap {
  readonly canvas: HTMLCanvasElement;
  readonly #grid = document.createElement('canvas');

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    this.#grid.width = GRID;
    this.#grid.height = GRID;
  }

  draw(net: MLP, points: readonly Point[], dimmed = false): void {
    const ctx = this.canvas.getContext('2d');
    const gctx = this.#grid.getContext('2d');
    if (!ctx || !gctx) return;
    const p = net.predict(gridInputs);
    const img = gctx.createImageData(GRID, GRID);
    for (let i = 0; i < GRID * GRID; i++) img.data.set([...mix(dimmed ? 0.5 : p[i]!), 255], i * 4);
    gctx.putImageData(img, 0, 0);
    const { width: w, height: h } = this.canvas;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.#grid, 0, 0, w, h);
    for (const pt of points) {
      const x = ((pt.x1 / DOMAIN + 1) / 2) * w;
      const y = ((1 - pt.x2 / DOMAIN) / 2) * h;
      ctx.beginPath();
      ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
      ctx.fillStyle = pt.y === 1 ? 'rgb(8,119,189)' : 'rgb(245,147,34)';
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
  }
}
