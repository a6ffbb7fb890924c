// The article's pace controls (../pace.ts: Play/Pause, Step, Reset, the same look and testid
// scheme) for training that runs in a worker: a unit of work is one request to the worker (an
// epoch) rather than a slice of an animation frame, so the page's main thread only waits on
// messages. Unlike ../pace.ts it keeps going off screen: the section's other figures (the
// weights, the confusion matrix) show the same run further down.
//
// data-testids: <prefix>-train (Train / Pause / Resume / Train again), <prefix>-step,
// <prefix>-reset. The root gets data-state = idle | running | paused | done | error.
import { el } from 'relu-wasm/ui';

export interface WorkerPaceOptions {
  root: HTMLElement;
  prefix: string;
  /** Runs one unit (an epoch); resolves false once the run is over. */
  step: () => Promise<boolean>;
  /** A fresh run at epoch 0; resolves when it is ready. */
  reset: () => Promise<void>;
  /** A unit or reset failed: say why (the pace is then in state 'error'). */
  onError: (error: unknown) => void;
}

export class WorkerPace {
  readonly element: HTMLElement;
  readonly #o: WorkerPaceOptions;
  readonly #play: HTMLButtonElement;
  readonly #step: HTMLButtonElement;
  readonly #reset: HTMLButtonElement;
  #running = false;
  #queue: Promise<void> = Promise.resolve();
  /** Jobs queued or running. */
  #pending = 0;
  #state: 'idle' | 'paused' | 'done' | 'error' = 'idle';
  #enabled = false;

  constructor(options: WorkerPaceOptions) {
    this.#o = options;
    const { prefix } = options;
    this.#play = el('button', { type: 'button', class: 'primary', 'data-testid': `${prefix}-train` }, 'Train');
    this.#step = el('button', { type: 'button', 'data-testid': `${prefix}-step` }, 'Step: one epoch');
    this.#reset = el('button', { type: 'button', 'data-testid': `${prefix}-reset` }, 'Reset');
    this.element = el('span', { class: 'pace' }, this.#play, this.#step, this.#reset);
    this.#play.addEventListener('click', () => {
      if (this.#running) this.pause();
      else void this.play();
    });
    this.#step.addEventListener('click', () => void this.#stepOnce());
    this.#reset.addEventListener('click', () => void this.reset());
    this.#sync();
  }

  /** Off until the data has loaded. */
  set enabled(on: boolean) {
    this.#enabled = on;
    this.#sync();
  }

  get running(): boolean {
    return this.#running;
  }

  /** Trains unit after unit until the run is over or pause() (after an ended run: a fresh one). */
  async play(): Promise<void> {
    if (this.#running || !this.#enabled) return;
    if (this.#state === 'done' || this.#state === 'error') await this.reset();
    if (this.#state === 'error') return;
    this.#running = true;
    this.#sync();
    while (this.#running) {
      if (!(await this.#unit())) break;
    }
    this.#running = false;
    this.#sync();
  }

  /** Stops after the unit in flight. */
  pause(): void {
    this.#running = false;
    this.#sync();
  }

  /** A fresh run (epoch 0), after whatever is in flight. */
  async reset(): Promise<void> {
    this.#running = false;
    try {
      await this.#enqueue(this.#o.reset);
      this.#state = 'idle';
    } catch (error) {
      this.#state = 'error';
      this.#o.onError(error);
    }
    this.#sync();
  }

  async #stepOnce(): Promise<void> {
    if (this.#running || this.#state === 'done' || this.#state === 'error') return;
    await this.#unit();
    this.#sync();
  }

  /** One unit; false when the run is over (finished or failed). */
  async #unit(): Promise<boolean> {
    try {
      const more = await this.#enqueue(this.#o.step);
      this.#state = more ? 'paused' : 'done';
      return more;
    } catch (error) {
      this.#state = 'error';
      this.#running = false;
      this.#o.onError(error);
      return false;
    }
  }

  /** Runs `job` after every job queued before it: resets and units never overlap. */
  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.#pending++;
    this.#sync();
    const result = this.#queue.then(job).finally(() => {
      this.#pending--;
    });
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  #sync(): void {
    const state = this.#running ? 'running' : this.#state;
    this.#play.textContent = this.#running
      ? 'Pause'
      : state === 'done'
        ? 'Train again'
        : state === 'paused'
          ? 'Resume'
          : 'Train';
    this.#play.disabled = !this.#enabled;
    this.#step.disabled = !this.#enabled || this.#running || this.#pending > 0 || state === 'done' || state === 'error';
    this.#reset.disabled = !this.#enabled;
    this.#o.root.dataset.state = state;
  }
}
