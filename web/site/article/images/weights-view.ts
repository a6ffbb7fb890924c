// What the first layer learned: each hidden unit's 784 incoming weights drawn as a 28x28
// image, one tile per unit (blue: a bright pixel there pushes the unit up; orange: down),
// redrawn after every epoch. The ReLU after each unit keeps only where its template matches.
//
// data-testids: fmnist-weights (the canvas; data-epoch says which epoch it shows),
// fmnist-weights-caption.
import { el } from 'relu-wasm/ui';

import { paintWeights, pixelCanvas, PIXELS, SIDE } from './pixels.js';

const COLUMNS = 16;
const GAP = 2;
/** At most this many units are drawn (the first ones). */
const MAX_UNITS = 256;

export class WeightsView {
  readonly element: HTMLElement;
  readonly #caption: HTMLParagraphElement;
  #canvas: HTMLCanvasElement;

  constructor() {
    this.#canvas = this.#make(0);
    this.#caption = el(
      'p',
      { class: 'widget-foot', 'data-testid': 'fmnist-weights-caption' },
      'The first layer’s weights appear here once the data has loaded.',
    );
    this.element = el('div', { class: 'fmnist-weights' }, this.#canvas, this.#caption);
  }

  #make(units: number): HTMLCanvasElement {
    const rows = Math.max(1, Math.ceil(units / COLUMNS));
    return pixelCanvas(COLUMNS * (SIDE + GAP) - GAP, rows * (SIDE + GAP) - GAP, {
      'data-testid': 'fmnist-weights',
      role: 'img',
      'aria-label': 'The first layer’s weights, one 28 by 28 tile per unit (blue positive, orange negative)',
    });
  }

  /** Draws layer 0's weights W ([units][784]) after `epoch` epochs. */
  show(W: Float32Array, epoch: number): void {
    const units = Math.min(W.length / PIXELS, MAX_UNITS);
    const rows = Math.ceil(units / COLUMNS);
    if (this.#canvas.height !== Math.max(1, rows * (SIDE + GAP) - GAP)) {
      const next = this.#make(units);
      this.#canvas.replaceWith(next);
      this.#canvas = next;
    }
    const ctx = this.#canvas.getContext('2d')!;
    const img = new ImageData(this.#canvas.width, this.#canvas.height);
    img.data.fill(255); // white gaps
    for (let u = 0; u < units; u++) {
      paintWeights(img, W, u, (u % COLUMNS) * (SIDE + GAP), Math.floor(u / COLUMNS) * (SIDE + GAP));
    }
    ctx.putImageData(img, 0, 0);
    this.#canvas.dataset.epoch = String(epoch);
    const total = W.length / PIXELS;
    const which = units < total ? `the first ${units} of ${total} units` : `all ${units} units`;
    this.#caption.textContent = `After ${epoch} epoch${epoch === 1 ? '' : 's'}: ${which} of the first hidden layer, each tile scaled to its own largest weight.`;
  }
}
