// The confusion matrix over the 10 000 test images (rows: the true class, columns: the
// network's answer, shaded by the share of the row) and some test images it gets wrong, with
// their true and predicted labels. Redrawn after every epoch.
//
// data-testids: fmnist-confusion (the <table>), fmnist-wrong (the examples' list).
import { FASHION_MNIST } from 'relu-wasm/datasets';
import { el } from 'relu-wasm/ui';

import { scrollBox } from '../scroll-box.js';
import { paintImage, pixelCanvas, PIXELS, SIDE } from './pixels.js';
import type { Snapshot } from './protocol.js';

const NAMES = FASHION_MNIST.classes;
const K = NAMES.length;
/** Example items made at mount: the worker sends at most 2 mistakes per class. */
const PREPARED = 2 * K;

/** One shown mistake: its image and labels, reused from epoch to epoch. */
interface WrongItem {
  item: HTMLLIElement;
  canvas: HTMLCanvasElement;
  truth: HTMLSpanElement;
  guess: HTMLSpanElement;
}

export class ConfusionView {
  readonly element: HTMLElement;
  readonly #body: HTMLTableSectionElement;
  readonly #cells: HTMLTableCellElement[] = [];
  readonly #wrong: HTMLUListElement;
  readonly #items: WrongItem[] = [];
  readonly #note: HTMLParagraphElement;

  constructor() {
    this.#body = el('tbody');
    const head = el('tr', {}, el('th', { scope: 'col' }, 'true \\ predicted'));
    for (const name of NAMES) head.append(el('th', { scope: 'col' }, name));
    const table = el(
      'table',
      { class: 'fmnist-confusion', 'data-testid': 'fmnist-confusion', 'aria-labelledby': 'fmnist-confusion-caption' },
      el('thead', {}, head),
      this.#body,
    );
    this.#wrong = el('ul', {
      class: 'fmnist-wrong',
      'data-testid': 'fmnist-wrong',
      'aria-label': 'Test images the network gets wrong',
    });
    this.#note = el('p', { class: 'widget-foot' }, 'The matrix fills in once the network has been measured.');
    this.element = el(
      'div',
      { class: 'fmnist-confusion-view' },
      // The title sits outside the table so that it stays in view while the table scrolls sideways.
      el(
        'p',
        { class: 'fmnist-caption', id: 'fmnist-confusion-caption' },
        'Test images by true class (rows) and predicted class (columns)',
      ),
      // The article's sideways scroller: focusable, named, shadow edges and a hint on a phone.
      scrollBox(table, 'Confusion matrix'),
      this.#note,
      this.#wrong,
    );
    this.#grow(PREPARED);
    for (let t = 0; t < K; t++) {
      const tr = el('tr', {}, el('th', { scope: 'row' }, NAMES[t]!));
      for (let p = 0; p < K; p++) {
        const td = el('td', { class: p === t ? 'diag' : 'off' }, '0');
        this.#cells.push(td);
        tr.append(td);
      }
      this.#body.append(tr);
    }
  }

  show(s: Snapshot): void {
    this.#fill(s.confusion);
    const n = s.wrong.labels.length;
    if (s.wrong.pixels.length !== n * PIXELS) throw new Error('wrong examples: pixels and labels disagree');
    this.#note.textContent = `After ${s.epoch} epoch${s.epoch === 1 ? '' : 's'}. Below: ${n} of the test images it gets wrong (true label, then its answer).`;
    this.#grow(n);
    this.#items.forEach((w, i) => {
      w.item.hidden = i >= n;
      if (i >= n) return;
      const truth = NAMES[s.wrong.labels[i]!]!;
      const guess = NAMES[s.wrong.predicted[i]!]!;
      paintImage(w.canvas.getContext('2d')!, s.wrong.pixels, i);
      w.canvas.setAttribute('aria-label', `A ${truth} taken for a ${guess}`);
      w.truth.textContent = truth;
      w.guess.textContent = `→ ${guess}`;
    });
  }

  /** At least n example items (hidden until used): made ahead, as canvases are slow to create. */
  #grow(n: number): void {
    while (this.#items.length < n) {
      const canvas = pixelCanvas(SIDE, SIDE, { role: 'img', 'aria-label': 'a misclassified test image' });
      const truth = el('span', { class: 'fmnist-true' });
      const guess = el('span', { class: 'fmnist-guess' });
      const item = el('li', { hidden: true }, canvas, truth, guess);
      this.#items.push({ item, canvas, truth, guess });
      this.#wrong.append(item);
    }
  }

  /** Counts and shading of the matrix, cell by cell in place. */
  #fill(confusion: Uint32Array): void {
    for (let t = 0; t < K; t++) {
      let total = 0;
      for (let p = 0; p < K; p++) total += confusion[t * K + p]!;
      for (let p = 0; p < K; p++) {
        const count = confusion[t * K + p]!;
        const share = total > 0 ? count / total : 0;
        const td = this.#cells[t * K + p]!;
        td.textContent = String(count);
        // Shade by the share of the row (CSSOM, allowed by the strict CSP): blue on the
        // diagonal, orange off it; at most 0.6 opaque so the dark digits keep 4.5:1.
        const alpha = (0.6 * Math.min(1, p === t ? share : share * 4)).toFixed(3);
        td.style.backgroundColor = p === t ? `rgba(8, 119, 189, ${alpha})` : `rgba(194, 65, 12, ${alpha})`;
      }
    }
  }
}
