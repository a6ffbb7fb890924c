// The article's pace controls (./pace.ts: Play/Pause, Step, Reset, the same look and testid
// scheme) for training that runs in a worker: a unit of work is one request to the worker (an
// epoch) rather than a slice of an animation frame, so the page's main thread only waits on
// messages. Pause takes effect when the epoch in flight ends, and the button says so. Unlike
// ./pace.ts it keeps going off screen: a section's other figures show the same run further down.
// Used by the images section (prefix fmnist) and the convolutional network (prefix cnn).
//
// data-testids: <prefix>-train (Train / Pause / Resume / Train again), <prefix>-step,
// <prefix>-reset. The root gets data-state = idle | running | pausing | paused | done | error.
import { el } from 'relu-wasm/ui';

export interface WorkerPaceOptions {
  root: HTMLElement;
  prefix: string;
  /** Runs one unit (an epoch); resolves false once the run is over. */
  step: () => Promise<boolean>;
  /** A fresh run at epoch 0; resolves when it is ready. */
  reset: () => Promise<void>;
  /** A unit or reset failed: say why (the pace is then in state 'error'; Train tries again). */
  onError: (error: unknown) => void;
  /** Whether the controls start enabled (false until, say, the data has loaded). Default true. */
  enabled?: boolean;
}

export class WorkerPace {
  readonly element: HTMLElement;
  readonly #o: WorkerPaceOptions;
  readonly #play: HTMLButtonElement;
  readonly #step: HTMLButtonElement;
  readonly #reset: HTMLButtonElement;
  #running = false;
  /** Counts play() calls: a loop paused and resumed before its unit ended stops, the new one runs. */
  #plays = 0;
  #queue: Promise<void> = Promise.resolve();
  /** Jobs queued or running. */
  #pending = 0;
  /** A unit (epoch) is in flight. */
  #inUnit = false;
  /** Pause was pressed while a unit was in flight: it ends first. */
  #pausing = false;
  #state: 'idle' | 'paused' | 'done' | 'error' = 'idle';
  #enabled: boolean;

  constructor(options: WorkerPaceOptions) {
    this.#o = options;
    this.#enabled = options.enabled ?? true;
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

  set enabled(on: boolean) {
    this.#enabled = on;
    this.#sync();
  }

  /** Trains unit after unit until the run is over or pause() (after an ended run: a fresh one). */
  async play(): Promise<void> {
    if (this.#running || !this.#enabled) return;
    if (this.#state === 'done' || this.#state === 'error') await this.reset();
    if (this.#state === 'error') return;
    this.#running = true;
    const play = ++this.#plays;
    this.#sync();
    while (this.#running && play === this.#plays) {
      if (!(await this.#unit())) break;
    }
    if (play !== this.#plays) return;
    this.#running = false;
    this.#sync();
  }

  /** Stops after the unit in flight (state 'pausing' until it ends). */
  pause(): void {
    this.#running = false;
    this.#pausing = this.#inUnit;
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
    let more = false;
    try {
      more = await this.#enqueue(async () => {
        this.#inUnit = true;
        this.#sync();
        return this.#o.step();
      });
      this.#state = more ? 'paused' : 'done';
    } catch (error) {
      this.#state = 'error';
      this.#running = false;
      this.#o.onError(error);
    }
    this.#inUnit = false;
    this.#pausing = false;
    this.#sync();
    return more;
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
    const pausing = !this.#running && this.#pausing;
    const state = this.#running || (this.#inUnit && !pausing) ? 'running' : pausing ? 'pausing' : this.#state;
    this.#play.textContent = this.#running
      ? 'Pause'
      : pausing
        ? 'Pausing at the end of this epoch… (Resume)'
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
