// What the first layer learned: each hidden unit's 784 incoming weights drawn as a 28x28
// image, one tile per unit (blue: a bright pixel there pushes the unit up; orange: down),
// redrawn after every epoch. The ReLU after each unit keeps only where its template matches.
// By default it draws what training changed (W minus the random start of epoch 0): the raw
// weights keep their random start wherever the images are always black (the borders get no
// gradient), which hides the templates in noise; the reader can switch to the raw weights.
//
// data-testids: fmnist-weights (the canvas; data-epoch says which epoch it shows),
// fmnist-weights-mode (select: change | raw), fmnist-weights-caption.
import { el } from 'relu-wasm/ui';

import { paintWeights, pixelCanvas, PIXELS, SIDE } from './pixels.js';

/** Tiles per row: 16 where the figure is wide, 8 on a phone (tiles stay at least ~38 CSS px). */
const WIDE_COLUMNS = 16;
const NARROW_COLUMNS = 8;
const NARROW_BELOW_PX = 520;
const GAP = 2;
/** At most this many units are drawn (the first ones). */
const MAX_UNITS = 256;

export class WeightsView {
  readonly element: HTMLElement;
  readonly #caption: HTMLParagraphElement;
  readonly #mode: HTMLSelectElement;
  #canvas: HTMLCanvasElement;
  #columns = WIDE_COLUMNS;
  /** Epoch 0's weights (the random start) and the last weights shown. */
  #start: Float32Array | null = null;
  #last: { W: Float32Array; epoch: number } | null = null;

  constructor() {
    this.#canvas = this.#make(0);
    this.#mode = el('select', { id: 'fmnist-weights-mode', 'data-testid': 'fmnist-weights-mode' });
    this.#mode.append(
      el('option', { value: 'change' }, 'what training changed (weights minus their random start)'),
      el('option', { value: 'raw' }, 'the weights themselves'),
    );
    this.#mode.addEventListener('change', () => {
      if (this.#last) this.show(this.#last.W, this.#last.epoch);
    });
    this.#caption = el(
      'p',
      { class: 'widget-foot', 'data-testid': 'fmnist-weights-caption' },
      'The first layer’s weights appear here once the data has loaded.',
    );
    this.element = el(
      'div',
      { class: 'fmnist-weights' },
      el('div', { class: 'controls' }, el('label', { for: 'fmnist-weights-mode' }, 'Show'), this.#mode),
      this.#canvas,
      this.#caption,
    );
  }

  #make(units: number): HTMLCanvasElement {
    const rows = Math.max(1, Math.ceil(units / this.#columns));
    return pixelCanvas(this.#columns * (SIDE + GAP) - GAP, rows * (SIDE + GAP) - GAP, {
      'data-testid': 'fmnist-weights',
      role: 'img',
      'aria-label': 'The first layer’s weights, one 28 by 28 tile per unit (blue positive, orange negative)',
    });
  }

  /** Draws layer 0's weights W ([units][784]) after `epoch` epochs. */
  show(W: Float32Array, epoch: number): void {
    if (epoch === 0 || this.#start?.length !== W.length) this.#start = W.slice();
    this.#last = { W, epoch };
    const change = this.#mode.value === 'change';
    const shown = change ? W.map((w, i) => w - this.#start![i]!) : W;
    const units = Math.min(W.length / PIXELS, MAX_UNITS);
    const wide = this.element.clientWidth === 0 || this.element.clientWidth >= NARROW_BELOW_PX;
    this.#columns = wide ? WIDE_COLUMNS : NARROW_COLUMNS;
    const COLUMNS = this.#columns;
    const rows = Math.ceil(units / COLUMNS);
    if (
      this.#canvas.height !== Math.max(1, rows * (SIDE + GAP) - GAP) ||
      this.#canvas.width !== COLUMNS * (SIDE + GAP) - GAP
    ) {
      const next = this.#make(units);
      this.#canvas.replaceWith(next);
      this.#canvas = next;
    }
    const ctx = this.#canvas.getContext('2d')!;
    const img = new ImageData(this.#canvas.width, this.#canvas.height);
    img.data.fill(255); // white gaps
    for (let u = 0; u < units; u++) {
      paintWeights(img, shown, u, (u % COLUMNS) * (SIDE + GAP), Math.floor(u / COLUMNS) * (SIDE + GAP));
    }
    ctx.putImageData(img, 0, 0);
    this.#canvas.dataset.epoch = String(epoch);
    const total = W.length / PIXELS;
    const which = units < total ? `the first ${units} of ${total} units` : `all ${units} units`;
    const what = change ? 'how far training moved the weights of' : 'the weights of';
    const blank = change && epoch === 0 ? ' Nothing has moved yet: train to see the templates form.' : '';
    this.#caption.textContent = `After ${epoch} epoch${epoch === 1 ? '' : 's'}: ${what} ${which} of the first layer, each tile scaled to its own largest value.${blank}`;
  }
}
