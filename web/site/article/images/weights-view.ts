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
/** Units painted per task. */
const SLICE = 32;

export class WeightsView {
  readonly element: HTMLElement;
  readonly #caption: HTMLParagraphElement;
  readonly #mode: HTMLSelectElement;
  readonly #canvas: HTMLCanvasElement;
  #columns = WIDE_COLUMNS;
  /** Counts show() calls: a slice of an older call stops. */
  #turn = 0;
  /** Epoch 0's weights (the random start) and the last weights shown. */
  #start: Float32Array | null = null;
  #last: { W: Float32Array; epoch: number } | null = null;

  constructor() {
    this.#canvas = this.#make(0);
    this.#mode = el('select', { id: 'fmnist-weights-mode', 'data-testid': 'fmnist-weights-mode' });
    this.#mode.append(
      el('option', { value: 'change' }, 'what training changed'),
      el('option', { value: 'raw' }, 'the raw weights'),
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

  /**
   * Draws layer 0's weights W ([units][784]) after `epoch` epochs, SLICE units per task (so no
   * task of the page runs long on a slow or busy machine); a newer call cancels an unfinished one.
   */
  show(W: Float32Array, epoch: number): void {
    if (epoch === 0 || this.#start?.length !== W.length) this.#start = W.slice();
    this.#last = { W, epoch };
    const start = this.#start;
    const change = this.#mode.value === 'change';
    const units = Math.min(W.length / PIXELS, MAX_UNITS);
    const width = this.element.clientWidth;
    this.#columns = width === 0 || width >= NARROW_BELOW_PX ? WIDE_COLUMNS : NARROW_COLUMNS;
    const columns = this.#columns;
    const img = new ImageData(
      columns * (SIDE + GAP) - GAP,
      Math.max(1, Math.ceil(units / columns)) * (SIDE + GAP) - GAP,
    );
    img.data.fill(255); // white gaps
    const tile = new Float32Array(PIXELS);
    const turn = ++this.#turn;
    const paint = (first: number): void => {
      if (turn !== this.#turn) return;
      for (let u = first; u < Math.min(units, first + SLICE); u++) {
        const row = W.subarray(u * PIXELS, (u + 1) * PIXELS);
        if (change) for (let i = 0; i < PIXELS; i++) tile[i] = row[i]! - start[u * PIXELS + i]!;
        paintWeights(img, change ? tile : row, 0, (u % columns) * (SIDE + GAP), Math.floor(u / columns) * (SIDE + GAP));
      }
      if (first + SLICE < units) {
        setTimeout(() => paint(first + SLICE), 0);
        return;
      }
      // The same canvas, resized: the element (and its test id) stays in place.
      if (this.#canvas.width !== img.width) this.#canvas.width = img.width;
      if (this.#canvas.height !== img.height) this.#canvas.height = img.height;
      this.#canvas.getContext('2d')!.putImageData(img, 0, 0);
      this.#canvas.dataset.epoch = String(epoch);
      const total = W.length / PIXELS;
      const which = units < total ? `the first ${units} of ${total} units` : `all ${units} units`;
      const what = change ? 'how far training moved the weights of' : 'the weights of';
      const blank = change && epoch === 0 ? ' Nothing has moved yet: train to see the templates form.' : '';
      this.#caption.textContent = `After ${epoch} epoch${epoch === 1 ? '' : 's'}: ${what} ${which} of the first layer, each tile scaled to its own largest value.${blank}`;
    };
    paint(0);
  }
}
