// Sparsity measured in a trained ReLU network: for each hidden layer, the share of its outputs
// that are exactly 0 over all data points, the multiply-adds of the next layer those zeros make
// skippable (a zero input contributes nothing to any of the next layer's sums), and how many
// input-to-output paths are active per input (a path through an inactive unit carries nothing).
//
// data-testids:
//   <prefix>-sparsity  <table>: one row per hidden layer with data-layer (1 = first) and
//                      data-zeros (the share of exact zeros, a number in [0, 1])
//   <prefix>-paths     mean active paths per input, e.g. "23.4 of 128"
import type { MLP } from 'relu-wasm';
import { el, integer } from 'relu-wasm/ui';
import { headRow } from './widget.js';

export interface Sparsity {
  /** Per hidden layer: the share of outputs that are exactly 0. */
  zeros: number[];
  /** Per hidden layer: multiply-adds of the next layer that take a zero, and all of them. */
  skipped: [zero: number, all: number][];
  /** Mean over inputs of the active paths from the inputs to the outputs, and all paths. */
  paths: [mean: number, all: number];
}

export function measureSparsity(net: MLP, X: Float32Array): Sparsity {
  const sizes = net.sizes;
  const rows = X.length / sizes[0]!;
  const hidden = net.activations(X).slice(0, sizes.length - 2);
  const active = new Float64Array(rows).fill(sizes[0]!);
  const zeros: number[] = [];
  const skipped: [number, number][] = [];
  hidden.forEach((a, l) => {
    const units = sizes[l + 1]!;
    const next = sizes[l + 2]!;
    let z = 0;
    for (let r = 0; r < rows; r++) {
      let on = 0;
      for (let u = 0; u < units; u++)
        if (a[r * units + u] === 0) z++;
        else on++;
      active[r]! *= on;
    }
    zeros.push(z / (rows * units));
    skipped.push([z * next, rows * units * next]);
  });
  const out = sizes[sizes.length - 1]!;
  const all = sizes.slice(0, -1).reduce((p, s) => p * s, out);
  const mean = active.reduce((p, v) => p + v, 0) / rows;
  return { zeros, skipped, paths: [mean * out, all] };
}

const percent = (v: number): string => `${Math.round(100 * v)}%`;

export class SparsityTable {
  readonly element: HTMLElement;
  readonly #body: HTMLTableSectionElement;
  readonly #paths: HTMLOutputElement;

  constructor(prefix: string, caption: string) {
    this.#body = el('tbody');
    this.#paths = el('output', { 'data-testid': `${prefix}-paths` }, '…');
    this.element = el(
      'div',
      { class: 'sparsity' },
      el(
        'table',
        { class: 'sparsity-table', 'data-testid': `${prefix}-sparsity` },
        el('caption', {}, caption),
        headRow('hidden layer', 'outputs exactly 0', 'next layer’s multiply-adds by 0'),
        this.#body,
      ),
      el('p', { class: 'sparsity-paths' }, 'Active paths from input to output, per input (mean): ', this.#paths),
    );
  }

  update(s: Sparsity): void {
    this.#body.replaceChildren(
      ...s.zeros.map((z, l) =>
        el(
          'tr',
          { 'data-layer': l + 1, 'data-zeros': z },
          el('th', { scope: 'row' }, String(l + 1)),
          el('td', {}, percent(z)),
          el('td', {}, `${integer(s.skipped[l]![0])} of ${integer(s.skipped[l]![1])}`),
        ),
      ),
    );
    this.#paths.textContent = `${s.paths[0].toFixed(1)} of ${integer(s.paths[1])}`;
  }
}
