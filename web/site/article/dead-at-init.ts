// Section 8: how often a deep, narrow He-initialised ReLU network starts with its last hidden
// layer dead (every unit <= 0 on every point of the section's data), counted over seeds
// 0 .. SEEDS-1 with relu-wasm's createMLP and net.deadUnits, a few seeds per animation frame.
//
// data-testids:
//   dead-init-run      button: count (again)
//   dead-init-table    <table>: one row per shape with data-depth, data-width and, once
//                      counted, data-dead (networks whose last hidden layer was all dead)
//   dead-init-<depth>x<width>   that count as text, e.g. "2 of 1000"
// The root's data-state = idle | running | done.
import type { ReluWasm } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
import { el, frameLoop } from 'relu-wasm/ui';

import './dead-at-init.css';
import { headRow } from './widget.js';

const SEEDS = 1000;
const SHAPES: [depth: number, width: number][] = [
  [10, 8],
  [20, 8],
  [10, 16],
];

export function mountDeadAtInit(root: HTMLElement, rw: ReluWasm): void {
  const { X } = generate('circle', { n: 200, noise: 0.05, seed: 3 });
  const button = el('button', { type: 'button', class: 'primary', 'data-testid': 'dead-init-run' }, 'Count');
  const rows = SHAPES.map(([depth, width]) => ({
    depth,
    width,
    dead: 0,
    out: el('output', { 'data-testid': `dead-init-${depth}x${width}` }, '–'),
    tr: el('tr', { 'data-depth': depth, 'data-width': width }),
  }));
  for (const r of rows) r.tr.append(el('th', { scope: 'row' }, `${r.depth} × ${r.width}`), el('td', {}, r.out));
  let seed = 0;

  const loop = frameLoop(
    root,
    (deadline) => {
      while (seed < SEEDS && performance.now() < deadline) {
        for (const r of rows) {
          const net = rw.createMLP({ sizes: [2, ...Array<number>(r.depth).fill(r.width), 1], init: 'he', seed });
          try {
            if (net.deadUnits(X)[r.depth - 1]!.length === r.width) r.dead++;
          } finally {
            net.dispose();
          }
        }
        seed++;
      }
      for (const r of rows) {
        r.out.textContent = `${r.dead} of ${seed}`;
        if (seed === SEEDS) r.tr.dataset.dead = String(r.dead);
      }
      return seed < SEEDS;
    },
    {
      onChange: (running) => {
        root.dataset.state = running ? 'running' : seed === SEEDS ? 'done' : 'idle';
        button.textContent = running ? 'Counting…' : 'Count';
        button.disabled = running;
      },
    },
  );
  button.addEventListener('click', () => {
    seed = 0;
    for (const r of rows) {
      r.dead = 0;
      delete r.tr.dataset.dead;
    }
    loop.start();
  });

  root.querySelector('.widget-fallback')?.remove();
  root.dataset.state = 'idle';
  root.append(
    el('div', { class: 'controls' }, button, el('span', {}, `seeds 0 to ${SEEDS - 1}, each shape`)),
    el(
      'table',
      { class: 'dead-init-table', 'data-testid': 'dead-init-table' },
      el('caption', {}, 'ReLU networks whose last hidden layer is dead at initialisation'),
      headRow('hidden layers × units', 'last layer all dead'),
      el('tbody', {}, ...rows.map((r) => r.tr)),
    ),
    el(
      'figcaption',
      {},
      `Each network: 2 inputs, the hidden layers shown, 1 output; He initialisation (normal weights with variance 2 / fan-in, zero biases), no training. Dead: every unit of the last hidden layer is ≤ 0 on all 200 points of this section's data.`,
    ),
  );
}
