// ReLU against tanh, sigmoid and Leaky ReLU on the same images: the reader's network (its
// width, depth, optimizer, rate and batch size) built four times from the same seed, trained
// in turns in the worker on the same shuffles, and plotted as test accuracy against each one's
// own training time. Started by a button; it pauses the main run while it works.
//
// data-testids: fmnist-compare (button), fmnist-compare-chart, fmnist-compare-table,
// fmnist-compare-status, fmnist-compare-<activation> (final accuracy cells).
import type { Activation } from 'relu-wasm';
import { el, LossChart } from 'relu-wasm/ui';

import { WorkerError, type ImagesWorker } from './bridge.js';
import { activationName } from './controls.js';
import type { NetConfig } from './protocol.js';
import { headRow } from '../widget.js';

export const COMPARED: Activation[] = ['relu', 'leaky_relu', 'tanh', 'sigmoid'];
/** Epochs each network trains in the comparison. */
export const COMPARE_EPOCHS = 2;
/** The chart's floor: a point below it is drawn on it (none are after a quarter epoch). */
const FLOOR = 50;

export class CompareView {
  readonly element: HTMLElement;
  readonly #button: HTMLButtonElement;
  readonly #chart: LossChart;
  readonly #body: HTMLTableSectionElement;
  readonly #status: HTMLOutputElement;
  #enabled = false;
  #running = false;

  constructor(
    private readonly worker: ImagesWorker,
    private readonly config: () => NetConfig,
    private readonly beforeRun: () => Promise<void>,
  ) {
    this.#button = el(
      'button',
      { type: 'button', class: 'primary', 'data-testid': 'fmnist-compare', disabled: true },
      'Compare the four activations',
    );
    this.#status = el(
      'output',
      { 'data-testid': 'fmnist-compare-status', class: 'fmnist-status' },
      'Load the data first.',
    );
    this.#chart = new LossChart({
      label: 'Test accuracy against training time for ReLU, Leaky ReLU, tanh and sigmoid',
      names: COMPARED.map(activationName),
      testid: 'fmnist-compare-chart',
      xLabel: 'training time (s)',
      yLabel: 'test accuracy (%)',
      yMin: FLOOR,
      yMax: 100,
      height: 220,
    });
    this.#body = el('tbody');
    this.element = el(
      'div',
      { class: 'fmnist-compare' },
      el('div', { class: 'controls' }, this.#button, this.#status),
      this.#chart.element,
      el(
        'table',
        { class: 'fmnist-compare-table', 'data-testid': 'fmnist-compare-table' },
        el('caption', {}, `After ${COMPARE_EPOCHS} epochs each`),
        headRow('Activation', 'Test accuracy (10 000 images)', 'Training time'),
        this.#body,
      ),
    );
    this.#fill([]);
    this.#button.addEventListener('click', () => void this.run());
  }

  set enabled(on: boolean) {
    this.#enabled = on;
    this.#button.disabled = !on || this.#running;
    if (on && !this.#running) this.#status.textContent = 'Ready.';
  }

  async run(): Promise<void> {
    if (!this.#enabled || this.#running) return;
    this.#running = true;
    this.#button.disabled = true;
    this.#chart.reset();
    this.#fill([]);
    try {
      await this.beforeRun();
      this.#status.textContent = 'Training the four networks in turns…';
      const result = await this.worker.request(
        { type: 'compare', config: this.config(), activations: COMPARED, epochs: COMPARE_EPOCHS },
        (note) => {
          if (note.kind !== 'compare' || note.epochs === 0) return;
          this.#chart.push(COMPARED.indexOf(note.activation), note.seconds, Math.max(FLOOR, 100 * note.accuracy));
          this.#status.textContent = `${activationName(note.activation)}: ${note.epochs} of ${COMPARE_EPOCHS} epochs, ${(100 * note.accuracy).toFixed(1)}% on 2 000 test images`;
        },
      );
      if (result.kind !== 'compared') throw new Error(`unexpected reply ${result.kind}`);
      this.#fill(result.finals);
      this.#status.textContent = 'Done.';
    } catch (error) {
      const e = error as Error;
      this.#status.textContent = e instanceof WorkerError ? `${e.workerName}: ${e.message}` : e.message;
    } finally {
      this.#running = false;
      this.#button.disabled = !this.#enabled;
    }
  }

  #fill(finals: { activation: Activation; accuracy: number; seconds: number }[]): void {
    this.#body.replaceChildren(
      ...COMPARED.map((a) => {
        const f = finals.find((x) => x.activation === a);
        return el(
          'tr',
          {},
          el('th', { scope: 'row' }, activationName(a)),
          el('td', { 'data-testid': `fmnist-compare-${a}` }, f ? `${(100 * f.accuracy).toFixed(1)}%` : '…'),
          el('td', {}, f ? `${f.seconds.toFixed(1)} s` : '…'),
        );
      }),
    );
  }
}
