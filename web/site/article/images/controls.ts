// The reader's network and training choices. Defaults are the package's FASHION_MNIST_RECIPE
// (784-128-10 ReLU, Adam at 0.001, batches of 64, 8 epochs: about 87 % on the test set). The
// values go to the package unchecked: its typed errors (e.g. a RangeError for a learning rate
// of -1) are what the reader sees, so the page never restates the option table's ranges.
//
// data-testids: fmnist-width, fmnist-depth, fmnist-activation, fmnist-optimizer, fmnist-lr,
// fmnist-batch, fmnist-epochs (inputs and selects), fmnist-defaults (button).
import { ACTIVATIONS, OPTIMIZERS, type Activation, type OptimizerKind } from 'relu-wasm';
import { FASHION_MNIST_RECIPE as R } from 'relu-wasm/datasets';
import { el } from 'relu-wasm/ui';

import type { NetConfig } from './protocol.js';

export const DEFAULT_CONFIG: NetConfig = {
  width: R.sizes[1],
  depth: R.sizes.length - 2,
  activation: R.activation,
  optimizer: R.optimizer,
  lr: R.lr,
  batchSize: R.batchSize,
  epochs: R.epochs,
};

/**
 * The larger network the text suggests with all 60 000 training images: 784-256-256-10, 5
 * epochs, 88.2 % on the test set (measured through the same package calls in Node).
 */
export const LARGE_CONFIG: NetConfig = { ...DEFAULT_CONFIG, width: 256, depth: 2, epochs: 5 };

const ACTIVATION_NAMES: Record<Activation, string> = {
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  linear: 'none (linear)',
};
const OPTIMIZER_NAMES: Record<OptimizerKind, string> = { sgd: 'SGD', momentum: 'SGD + momentum', adam: 'Adam' };

export const activationName = (a: Activation): string => ACTIVATION_NAMES[a];

export class ConfigForm {
  readonly element: HTMLElement;
  readonly #inputs: {
    width: HTMLInputElement;
    depth: HTMLInputElement;
    activation: HTMLSelectElement;
    optimizer: HTMLSelectElement;
    lr: HTMLInputElement;
    batchSize: HTMLInputElement;
    epochs: HTMLInputElement;
  };

  /** `onChange` runs after any edit (and after Defaults). */
  constructor(onChange: () => void) {
    const number = (key: string, testid: string, step: string) =>
      el('input', {
        type: 'number',
        id: `fmnist-${key}`,
        'data-testid': testid,
        step,
        inputmode: step === 'any' ? 'decimal' : 'numeric',
        class: 'fmnist-number',
      });
    const select = (key: string, testid: string, options: readonly string[], names: Record<string, string>) => {
      const s = el('select', { id: `fmnist-${key}`, 'data-testid': testid });
      for (const o of options) s.append(el('option', { value: o }, names[o] ?? o));
      return s;
    };
    this.#inputs = {
      width: number('width', 'fmnist-width', '1'),
      depth: number('depth', 'fmnist-depth', '1'),
      activation: select('activation', 'fmnist-activation', ACTIVATIONS, ACTIVATION_NAMES),
      optimizer: select('optimizer', 'fmnist-optimizer', OPTIMIZERS, OPTIMIZER_NAMES),
      lr: number('lr', 'fmnist-lr', 'any'),
      batchSize: number('batch', 'fmnist-batch', '1'),
      epochs: number('epochs', 'fmnist-epochs', '1'),
    };
    const field = (label: string, input: HTMLElement) =>
      el('div', { class: 'fmnist-field' }, el('label', { for: input.id }, label), input);
    const defaults = el('button', { type: 'button', 'data-testid': 'fmnist-defaults' }, 'Defaults');
    const large = el('button', { type: 'button', 'data-testid': 'fmnist-large' }, 'Larger network');
    this.element = el(
      'fieldset',
      { class: 'fmnist-config' },
      el('legend', {}, 'Network and training'),
      field('Hidden units per layer', this.#inputs.width),
      field('Hidden layers', this.#inputs.depth),
      field('Activation', this.#inputs.activation),
      field('Optimizer', this.#inputs.optimizer),
      field('Learning rate', this.#inputs.lr),
      field('Batch size', this.#inputs.batchSize),
      field('Epochs', this.#inputs.epochs),
      el('div', { class: 'fmnist-field fmnist-presets' }, defaults, large),
    );
    this.set(DEFAULT_CONFIG);
    for (const input of Object.values(this.#inputs)) input.addEventListener('change', onChange);
    defaults.addEventListener('click', () => {
      this.set(DEFAULT_CONFIG);
      onChange();
    });
    large.addEventListener('click', () => {
      this.set(LARGE_CONFIG);
      onChange();
    });
  }

  set(c: NetConfig): void {
    const i = this.#inputs;
    i.width.value = String(c.width);
    i.depth.value = String(c.depth);
    i.activation.value = c.activation;
    i.optimizer.value = c.optimizer;
    i.lr.value = String(c.lr);
    i.batchSize.value = String(c.batchSize);
    i.epochs.value = String(c.epochs);
  }

  /** The values as typed (an empty field is NaN, which the package refuses with its message). */
  get(): NetConfig {
    const i = this.#inputs;
    const n = (input: HTMLInputElement): number => (input.value.trim() === '' ? NaN : Number(input.value));
    return {
      width: n(i.width),
      depth: n(i.depth),
      activation: i.activation.value as Activation,
      optimizer: i.optimizer.value as OptimizerKind,
      lr: n(i.lr),
      batchSize: n(i.batchSize),
      epochs: n(i.epochs),
    };
  }

  set disabled(on: boolean) {
    this.element.toggleAttribute('disabled', on);
  }
}
