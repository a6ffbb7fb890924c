// Sparsity and dead units on real data, per hidden layer, after every epoch: the share of the
// layer's outputs that are exactly 0 over 500 test images, and the units that are 0 on all of
// them. ReLU's zeros are exact; tanh and sigmoid give none.
//
// data-testids: fmnist-layers (the table), fmnist-sparsity-<layer>, fmnist-dead-<layer>
// (1-based hidden layer).
import { el } from 'relu-wasm/ui';

import type { LayerStats } from './protocol.js';
import { headRow } from '../widget.js';

export class LayerStatsView {
  readonly element: HTMLTableElement;
  readonly #body: HTMLTableSectionElement;

  constructor() {
    this.#body = el('tbody');
    this.element = el(
      'table',
      { class: 'fmnist-layers', 'data-testid': 'fmnist-layers' },
      el('caption', {}, 'Hidden layers on 500 test images'),
      headRow('Layer', 'Units', 'Outputs at exactly 0', 'Dead units'),
      this.#body,
    );
  }

  show(layers: readonly LayerStats[]): void {
    if (layers.length === 0) {
      this.#body.replaceChildren(
        el('tr', {}, el('td', { colspan: 4 }, 'No hidden layer: the pixels go straight to the 10 outputs.')),
      );
      return;
    }
    this.#body.replaceChildren(
      ...layers.map((l, h) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, `hidden ${h + 1}`),
          el('td', {}, String(l.units)),
          el('td', { 'data-testid': `fmnist-sparsity-${h + 1}` }, `${(100 * l.zeroShare).toFixed(1)}%`),
          el('td', { 'data-testid': `fmnist-dead-${h + 1}` }, `${l.dead} of ${l.units}`),
        ),
      ),
    );
  }
}
