// Section 2: a small layer's output for a batch, before and after ReLU. The layer is a
// relu-wasm network (3 inputs -> 5 units); "before" is its preActivations, "after" is rw.relu
// of them. A new batch draws new seeded inputs and weights.
//
// data-testids:
//   matrix-before      <table> of z = x W^T + b (4 rows x 5 units)
//   matrix-after       <table> of relu(z)
//   matrix-zero-count  how many entries ReLU set to 0, e.g. "9 of 20"
//   matrix-resample    button: a new batch and a new layer
import type { ReluWasm } from 'relu-wasm';
import { seededRandom } from 'relu-wasm/datasets';
import { el, fixed } from 'relu-wasm/ui';

const ROWS = 4;
const INPUTS = 3;
const UNITS = 5;

/** Two decimals, but small non-zero values keep two significant digits so they never read as 0. */
const cell = (v: number): string => (v !== 0 && Math.abs(v) < 0.005 ? v.toPrecision(2).replace('-', '−') : fixed(v));

function table(values: Float32Array, caption: string, testid: string): HTMLTableElement {
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'input'),
    ...Array.from({ length: UNITS }, (_, u) => el('th', { scope: 'col' }, `unit ${u + 1}`)),
  );
  const body = Array.from({ length: ROWS }, (_, r) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, `x${r + 1}`),
      ...Array.from({ length: UNITS }, (_, u) => {
        const v = values[r * UNITS + u]!;
        return el('td', { class: v < 0 ? 'neg' : v === 0 ? 'zero' : 'pos' }, cell(v));
      }),
    ),
  );
  return el(
    'table',
    { class: 'matrix', 'data-testid': testid },
    el('caption', {}, caption),
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
}

export function mountLayerMatrix(root: HTMLElement, rw: ReluWasm): void {
  const before = el('div', { class: 'matrix-wrap' });
  const after = el('div', { class: 'matrix-wrap' });
  const zeros = el('output', { 'data-testid': 'matrix-zero-count' });
  const button = el('button', { type: 'button', 'data-testid': 'matrix-resample' }, 'New batch and layer');
  let seed = 7;

  const draw = (): void => {
    const random = seededRandom(seed);
    const X = new Float32Array(ROWS * INPUTS).map(() => random() * 2 - 1);
    const layer = rw.createMLP({ sizes: [INPUTS, UNITS, 1], seed, init: 'he' });
    try {
      const z = layer.preActivations(X)[0]!;
      const y = rw.relu(z);
      before.replaceChildren(table(z, 'Before ReLU: z = xWᵀ + b', 'matrix-before'));
      after.replaceChildren(table(y, 'After ReLU: max(0, z)', 'matrix-after'));
      zeros.textContent = `${y.filter((v) => v === 0).length} of ${y.length}`;
    } finally {
      layer.dispose();
    }
  };
  button.addEventListener('click', () => {
    seed += 1;
    draw();
  });

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el('div', { class: 'matrices' }, before, el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), after),
    el('p', { class: 'widget-foot' }, 'Entries set to 0 by ReLU: ', zeros, ' ', button),
  );
  draw();
}
