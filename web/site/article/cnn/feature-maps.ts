// One test image through the first convolution, before and after ReLU: for each filter its
// response map (the convolution's output, pre-activation) beside ReLU's output, and how many
// of the 28x28 responses ReLU set to 0. Both maps of a filter share one scale (its largest
// |response|): negative orange, 0 grey, positive blue, so "after" is "before" with the orange
// gone. The reader picks the image (one per class) with a <select>.
//
// data-testids: cnn-feature-maps (container; data-image = the test image shown), cnn-image
// (<select>), cnn-input (canvas), cnn-prediction, cnn-map-<f> (a filter's card),
// cnn-zeroed-<f> (e.g. "412 of 784 (52.6%)").
import { FASHION_MNIST } from 'relu-wasm/datasets';
import { diverging, el } from 'relu-wasm/ui';

import { paint } from './filters-view.js';
import type { FeatureMaps } from './protocol.js';

const SIDE = 28;

interface Card {
  before: HTMLCanvasElement;
  after: HTMLCanvasElement;
  zeroed: HTMLElement;
}

export class FeatureMapsView {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  readonly #input: HTMLCanvasElement;
  readonly #prediction: HTMLOutputElement;
  readonly #grid: HTMLElement;
  #cards: Card[] = [];

  constructor(onPick: (index: number) => void) {
    this.select = el('select', { id: 'cnn-image', 'data-testid': 'cnn-image', disabled: true });
    this.select.addEventListener('change', () => onPick(Number(this.select.value)));
    this.#input = el('canvas', {
      width: SIDE,
      height: SIDE,
      class: 'cnn-input',
      role: 'img',
      'aria-label': 'The chosen test image',
      'data-testid': 'cnn-input',
    });
    this.#prediction = el('output', { 'data-testid': 'cnn-prediction' }, '…');
    this.#grid = el('div', { class: 'cnn-map-grid' });
    this.element = el(
      'div',
      { class: 'cnn-feature-maps', 'data-testid': 'cnn-feature-maps', 'data-image': '' },
      el('h4', {}, 'One image through the first layer, before and after ReLU'),
      el(
        'div',
        { class: 'cnn-row cnn-pick' },
        this.#input,
        el(
          'div',
          {},
          el('label', { for: 'cnn-image' }, 'Test image '),
          this.select,
          el('p', { class: 'cnn-note' }, 'The network says: ', this.#prediction),
        ),
      ),
      this.#grid,
    );
  }

  /** The images offered: test-set indices, one per class in class order. */
  setSamples(indices: readonly number[]): void {
    const keep = this.select.value;
    this.select.replaceChildren(
      ...indices.map((index, k) =>
        el('option', { value: index }, `${FASHION_MNIST.classes[k] ?? `class ${k}`} (test image ${index})`),
      ),
    );
    if (keep && indices.includes(Number(keep))) this.select.value = keep;
    this.select.disabled = false;
  }

  /** The test image currently chosen (the first offered by default). */
  get chosen(): number {
    return Number(this.select.value || 0);
  }

  draw(maps: FeatureMaps): void {
    const per = SIDE * SIDE;
    const filters = maps.pre.length / per;
    if (this.#cards.length !== filters) this.#build(filters);
    paint(this.#input, SIDE, SIDE, (i) => {
      const v = 255 - maps.pixels[i]!; // dark garment on white, as a printed picture
      return [v, v, v];
    });
    const name = (k: number): string => FASHION_MNIST.classes[k] ?? `class ${k}`;
    this.#input.setAttribute('aria-label', `Test image ${maps.index}: ${name(maps.label)}`);
    this.#prediction.textContent = `${name(maps.predicted)} (${maps.predicted === maps.label ? 'right' : `wrong: it is ${name(maps.label)}`})`;
    this.#cards.forEach((card, f) => {
      const pre = maps.pre.subarray(f * per, (f + 1) * per);
      const post = maps.post.subarray(f * per, (f + 1) * per);
      const max = pre.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
      paint(card.before, SIDE, SIDE, (i) => diverging(pre[i]! / max));
      paint(card.after, SIDE, SIDE, (i) => diverging(post[i]! / max));
      const zeroed = maps.zeroed[f]!;
      card.zeroed.textContent = `${zeroed} of ${per} (${((100 * zeroed) / per).toFixed(1)}%)`;
    });
    this.element.dataset.image = String(maps.index);
  }

  #build(filters: number): void {
    this.#cards = Array.from({ length: filters }, (_, f) => {
      const canvas = (when: string) =>
        el('canvas', {
          width: SIDE,
          height: SIDE,
          role: 'img',
          'aria-label': `Filter ${f + 1}'s response ${when} ReLU`,
        });
      return {
        before: canvas('before'),
        after: canvas('after'),
        zeroed: el('output', { 'data-testid': `cnn-zeroed-${f}` }),
      };
    });
    this.#grid.replaceChildren(
      ...this.#cards.map((card, f) =>
        el(
          'div',
          { class: 'cnn-map-card', 'data-testid': `cnn-map-${f}` },
          el('p', { class: 'cnn-map-title' }, `Filter ${f + 1}`),
          el(
            'div',
            { class: 'cnn-map-pair' },
            el('span', {}, card.before, el('span', { class: 'cnn-caption' }, 'before')),
            el('span', {}, card.after, el('span', { class: 'cnn-caption' }, 'after')),
          ),
          el('p', { class: 'cnn-map-zeroed' }, 'zeroed: ', card.zeroed),
        ),
      ),
    );
  }
}
