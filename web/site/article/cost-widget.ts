// Section 4, "Cheaper than sigmoid and tanh": times ReLU, Leaky ReLU, sigmoid and tanh per
// element on the reader's machine, through the package's zero-copy calls on 16Ki floats (64 KiB
// in, 64 KiB out: in cache, so the arithmetic shows rather than memory). Samples are taken in
// rounds, one sample of each activation per round, each sample a few milliseconds of back-to-back
// calls, with a yield to the event loop between samples: no task comes near 50 ms.
//
// data-testids:
//   cost-run     button: measure (again)
//   cost-status  text: progress, then a one-line summary
//   cost-table   one row per activation: data-activation (relu, leaky_relu, sigmoid, tanh) and
//                data-ns-per-element (the median, a number)
import type { ReluWasm, WasmBuffer } from 'relu-wasm';
import { el, fixed } from 'relu-wasm/ui';

import './cost-widget.css';
import { headRow, mountInto } from './widget.js';

const N = 16 * 1024;
const ROUNDS = 9;
const SAMPLE_MS = 4;

interface Activation {
  id: 'relu' | 'leaky_relu' | 'sigmoid' | 'tanh';
  name: string;
  what: string;
  run(x: WasmBuffer, y: WasmBuffer): void;
}

const activations = (rw: ReluWasm): Activation[] => [
  { id: 'relu', name: 'ReLU', what: 'one compare-and-select', run: (x, y) => rw.reluInto(x, y) },
  {
    id: 'leaky_relu',
    name: 'Leaky ReLU',
    what: 'a multiply and a select',
    run: (x, y) => rw.leakyReluInto(x, y, 0.01),
  },
  {
    id: 'sigmoid',
    name: 'Sigmoid',
    what: 'an exponential (degree-5 polynomial) and a division',
    run: (x, y) => rw.sigmoidInto(x, y),
  },
  {
    id: 'tanh',
    name: 'tanh',
    what: 'an exponential (degree-6 polynomial) and a division',
    run: (x, y) => rw.tanhInto(x, y),
  },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const yieldToPage = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Calls of `run` that take about SAMPLE_MS (at least 1). */
function calibrate(run: () => void): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) run();
    const ms = performance.now() - t0;
    if (ms >= SAMPLE_MS / 2 || reps >= 1 << 16) return Math.max(1, Math.round((reps * SAMPLE_MS) / Math.max(ms, 0.05)));
    reps *= 4;
  }
}

export function mountCostWidget(root: HTMLElement, rw: ReluWasm): void {
  const acts = activations(rw);
  const button = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'cost-run' },
    'Time the four activations',
  );
  const status = el('p', { class: 'cost-status', role: 'status', 'data-testid': 'cost-status' }, 'Not run yet.');
  const body = el('tbody');
  const table = el(
    'table',
    { class: 'cost-table', 'data-testid': 'cost-table' },
    el('caption', {}, `Time per element on this device, ${N.toLocaleString('en-US')} floats per call`),
    headRow(
      'Activation',
      'ns / element (median)',
      'spread (min–max)',
      '× ReLU',
      el('th', { scope: 'col', class: 'cost-what' }, 'work per element'),
    ),
    body,
  );
  table.hidden = true;

  const measure = async (): Promise<void> => {
    button.disabled = true;
    root.dataset.state = 'running';
    const x = rw.alloc(N);
    const y = rw.alloc(N);
    try {
      // Inputs in [-4, 4): both signs, and the range where sigmoid and tanh actually compute.
      const src = new Float32Array(N);
      for (let i = 0; i < N; i++) src[i] = ((i * 2654435761) % 4096) / 512 - 4;
      x.set(src);
      const runs = acts.map((a) => () => a.run(x, y));
      const reps: number[] = [];
      for (const run of runs) {
        reps.push(calibrate(run));
        await yieldToPage();
      }
      const samples: number[][] = acts.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        status.textContent = `Measuring: round ${round + 1} of ${ROUNDS}…`;
        for (let k = 0; k < runs.length; k++) {
          const run = runs[k]!;
          const t0 = performance.now();
          for (let i = 0; i < reps[k]!; i++) run();
          const ms = performance.now() - t0;
          samples[k]!.push((ms * 1e6) / (reps[k]! * N));
          await yieldToPage();
        }
      }
      const medians = samples.map(median);
      body.replaceChildren(
        ...acts.map((a, k) => {
          const ns = medians[k]!;
          return el(
            'tr',
            { 'data-activation': a.id, 'data-ns-per-element': String(ns) },
            el('th', { scope: 'row' }, a.name),
            el('td', {}, fixed(ns, 3)),
            el('td', {}, `${fixed(Math.min(...samples[k]!), 3)}–${fixed(Math.max(...samples[k]!), 3)}`),
            el('td', {}, `${fixed(ns / medians[0]!, 1)}×`),
            el('td', { class: 'cost-what' }, a.what),
          );
        }),
      );
      table.hidden = false;
      const [relu, , sigmoid, tanh] = medians as [number, number, number, number];
      status.textContent =
        `Done (${rw.backend}, median of ${ROUNDS} rounds): sigmoid took ${fixed(sigmoid / relu, 1)}× ` +
        `and tanh ${fixed(tanh / relu, 1)}× ReLU's time per element.`;
      root.dataset.state = 'done';
    } catch (error) {
      status.textContent = `The measurement failed: ${error instanceof Error ? error.message : String(error)}`;
      root.dataset.state = 'error';
    } finally {
      x.dispose();
      y.dispose();
      button.disabled = false;
      button.textContent = 'Measure again';
    }
  };
  button.addEventListener('click', () => void measure());
  mountInto(root, el('div', { class: 'cost-controls' }, button), status, el('div', { class: 'cost-results' }, table));
  // The numbered caption stays last, under the widget.
  const caption = root.querySelector('figcaption');
  if (caption) root.append(caption);
}
