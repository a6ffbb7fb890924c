// The first convolution's filters as they learn: one small canvas per filter, each weight one
// pixel (scaled up by CSS, pixelated), on the diverging map (negative orange, 0 grey,
// positive blue), each filter scaled by its own largest |weight| so its pattern shows
// whatever its size; the largest |weight| is in the canvas's accessible name.
//
// data-testid: cnn-filters (the container; data-epoch = the epoch drawn), cnn-filter-<f>.
import { diverging, el } from 'relu-wasm/ui';

export class FiltersView {
  readonly element: HTMLElement;
  readonly #grid: HTMLElement;
  #canvases: HTMLCanvasElement[] = [];

  constructor() {
    this.#grid = el('div', { class: 'cnn-filter-grid' });
    this.element = el(
      'div',
      { class: 'cnn-filters', 'data-testid': 'cnn-filters', 'data-epoch': '' },
      el('h4', {}, 'First-layer filters'),
      this.#grid,
      el(
        'p',
        { class: 'cnn-note' },
        'Each square is one 5×5 filter: blue weights add the pixel under them, orange ones subtract it.',
      ),
    );
  }

  /** Draws `filters` ([count][k * k]) at `epoch`. */
  draw(filters: Float32Array, kernel: number, epoch: number): void {
    const size = kernel * kernel;
    const count = filters.length / size;
    if (this.#canvases.length !== count) {
      this.#canvases = Array.from({ length: count }, (_, f) =>
        el('canvas', { width: kernel, height: kernel, role: 'img', 'data-testid': `cnn-filter-${f}` }),
      );
      this.#grid.replaceChildren(...this.#canvases);
    }
    this.#canvases.forEach((canvas, f) => {
      const w = filters.subarray(f * size, (f + 1) * size);
      const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
      paint(canvas, kernel, kernel, (i) => diverging(w[i]! / max));
      canvas.setAttribute(
        'aria-label',
        `Filter ${f + 1} after epoch ${epoch}: largest weight magnitude ${max.toFixed(2)}`,
      );
    });
    this.element.dataset.epoch = String(epoch);
  }
}

/** Fills `canvas` (width x height pixels) with colour(i) for pixel i, row by row. */
export function paint(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  colour: (i: number) => readonly [number, number, number],
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = colour(i);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
