// A network's decision boundary with the data on a canvas, as every article demo shows it:
// relu-wasm/ui's painter on a 50 x 50 grid, in the palette's colours.
import type { MLP } from 'relu-wasm';
import { boundaryGrid, el, paintBoundary, paintPoints, type PlotPoint } from 'relu-wasm/ui';

import { DOMAIN } from 'relu-wasm/datasets';

const GRID = 50;
const GRID_X = boundaryGrid(GRID);

export class BoundaryView {
  readonly canvas: HTMLCanvasElement;

  /** `size` is the canvas's pixel size (CSS decides its displayed size). */
  constructor(label: string, testid: string, size = 300, extraClass = '') {
    this.canvas = el('canvas', {
      width: size,
      height: size,
      class: `boundary ${extraClass}`.trim(),
      'data-testid': testid,
      role: 'img',
      'aria-label': label,
    });
  }

  /** No network yet: a blank canvas. */
  clear(): void {
    this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  draw(net: MLP, points: readonly PlotPoint[]): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    paintBoundary(ctx, net.predict(GRID_X), GRID);
    paintPoints(ctx, points, { extent: DOMAIN });
  }
}
