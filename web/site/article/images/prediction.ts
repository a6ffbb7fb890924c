// The network's answer for the draw pad's image, computed on the page's own copy of the
// trained network (the worker sends every layer's weights after each epoch; setParams copies
// them in), so a prediction never waits for the worker: the class probabilities (net.predict)
// and which hidden units fire (net.activations), one small grid per hidden layer.
//
// data-testids: fmnist-prediction (output: the predicted class), fmnist-probabilities (list),
// fmnist-units (the hidden units' grids), fmnist-firing (output: units > 0 of the first layer).
import type { Activation, MLP, ReluWasm } from 'relu-wasm';
import { FASHION_MNIST } from 'relu-wasm/datasets';
import { cssColor, CLASS_1, el, NEUTRAL } from 'relu-wasm/ui';

import type { Snapshot } from './protocol.js';

const NAMES = FASHION_MNIST.classes;
const CELL = 8;
const UNIT_COLUMNS = 32;

export class PredictionView {
  readonly element: HTMLElement;
  readonly #rw: ReluWasm;
  readonly #output: HTMLOutputElement;
  readonly #bars: { bar: HTMLSpanElement; value: HTMLSpanElement; row: HTMLLIElement }[];
  readonly #units: HTMLElement;
  readonly #grids: { figure: HTMLElement; canvas: HTMLCanvasElement; caption: HTMLElement }[] = [];
  readonly #firing: HTMLOutputElement;
  #net: MLP | null = null;
  #input: Uint8Array | null = null;

  constructor(rw: ReluWasm) {
    this.#rw = rw;
    this.#output = el('output', { 'data-testid': 'fmnist-prediction', class: 'fmnist-prediction' }, '…');
    this.#firing = el('output', { 'data-testid': 'fmnist-firing' }, '…');
    this.#bars = NAMES.map((name) => {
      const bar = el('span', { class: 'fmnist-bar' });
      const value = el('span', { class: 'fmnist-prob' }, '');
      const row = el(
        'li',
        {},
        el('span', { class: 'fmnist-class' }, name),
        el('span', { class: 'fmnist-track' }, bar),
        value,
      );
      return { bar, value, row };
    });
    this.#units = el('div', { class: 'fmnist-units', 'data-testid': 'fmnist-units' });
    this.element = el(
      'div',
      { class: 'fmnist-answer' },
      el('p', { class: 'fmnist-verdict' }, 'The network says: ', this.#output),
      el(
        'ul',
        { class: 'fmnist-probabilities', 'data-testid': 'fmnist-probabilities', 'aria-label': 'Class probabilities' },
        ...this.#bars.map((b) => b.row),
      ),
      el(
        'p',
        { class: 'widget-foot' },
        'Hidden units that fire (blue, brighter = larger output; grey = exactly 0): ',
        this.#firing,
      ),
      this.#units,
    );
  }

  /** Copies the snapshot's weights into the page's network (a new one when the shape changed). */
  setNetwork(s: Snapshot, activation: Activation): void {
    const sizes = [s.params[0]!.W.length / s.params[0]!.b.length, ...s.params.map((p) => p.b.length)];
    const same =
      this.#net &&
      this.#net.activation === activation &&
      this.#net.sizes.length === sizes.length &&
      this.#net.sizes.every((n, i) => n === sizes[i]);
    if (!same) {
      this.#net?.dispose();
      this.#net = this.#rw.createMLP({ sizes, activation, loss: 'softmax_ce' });
    }
    s.params.forEach((p, l) => this.#net!.setParams(l, p.W, p.b));
    this.#update();
  }

  /** The pad's pixels (0-255), or null when it is empty. */
  setInput(pixels: Uint8Array | null): void {
    this.#input = pixels;
    this.#update();
  }

  #update(): void {
    const net = this.#net;
    if (!net || !this.#input) {
      this.#output.textContent = net ? 'nothing yet: draw or pick an image' : 'train the network first';
      for (const b of this.#bars) {
        b.bar.style.width = '0%';
        b.value.textContent = '';
        b.row.classList.remove('top');
      }
      this.#units.replaceChildren();
      this.#grids.length = 0;
      this.#firing.textContent = '…';
      return;
    }
    const x = Float32Array.from(this.#input, (v) => v / 255);
    const p = net.predict(x);
    let best = 0;
    for (let k = 1; k < NAMES.length; k++) if (p[k]! > p[best]!) best = k;
    this.#output.textContent = NAMES[best]!;
    this.#bars.forEach((b, k) => {
      // CSSOM width (a strict CSP allows it; style attributes it would not).
      b.bar.style.width = `${(100 * p[k]!).toFixed(1)}%`;
      b.value.textContent = `${(100 * p[k]!).toFixed(1)}%`;
      b.row.classList.toggle('top', k === best);
    });
    const hidden = net.activations(x).slice(0, -1);
    // One figure per hidden layer, kept from call to call (a pointer move redraws them).
    while (this.#grids.length > hidden.length) this.#grids.pop()!.figure.remove();
    hidden.forEach((a, h) => this.#grid(a, h));
    const first = hidden[0];
    this.#firing.textContent = first
      ? `${first.filter((v) => v > 0).length} of ${first.length} in the first hidden layer`
      : 'no hidden layer';
  }

  /** Hidden layer h's outputs as a grid of cells, in its own canvas. */
  #grid(a: Float32Array, h: number): void {
    if (!this.#grids[h]) {
      const canvas = el('canvas', { role: 'img' });
      const caption = el('figcaption');
      const figure = el('figure', { class: 'fmnist-layer-grid' }, canvas, caption);
      this.#grids[h] = { figure, canvas, caption };
      this.#units.append(figure);
    }
    const { canvas, caption } = this.#grids[h]!;
    const columns = Math.min(UNIT_COLUMNS, a.length);
    const rows = Math.ceil(a.length / columns);
    if (canvas.width !== columns * CELL) canvas.width = columns * CELL;
    if (canvas.height !== rows * CELL) canvas.height = rows * CELL;
    const firing = a.filter((v) => v > 0).length;
    canvas.setAttribute('aria-label', `Hidden layer ${h + 1}: ${firing} of ${a.length} units fire`);
    caption.textContent = `hidden ${h + 1}: ${firing} of ${a.length} fire`;
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    let max = 0;
    for (const v of a) max = Math.max(max, Math.abs(v));
    a.forEach((v, i) => {
      const t = max > 0 ? Math.abs(v) / max : 0;
      // Firing units in blue (brighter = larger); exact zeros in the neutral grey.
      ctx.fillStyle =
        v > 0 ? `rgba(${CLASS_1.join(', ')}, ${(0.25 + 0.75 * t).toFixed(3)})` : v < 0 ? '#f2d5bf' : cssColor(NEUTRAL);
      ctx.fillRect((i % columns) * CELL, Math.floor(i / columns) * CELL, CELL - 1, CELL - 1);
    });
  }
}
