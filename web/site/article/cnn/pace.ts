// The article's pace controls (../pace.ts: Play/Pause, Step, Reset, the same look and testid
// scheme) for training that runs in a worker, an epoch at a time: the page's main thread only
// waits on messages. Pause takes effect when the epoch in flight ends (the button says so).
// Nothing trains until Train is pressed.
//
// data-testids: cnn-train (Train / Pause / Resume / Train again), cnn-step, cnn-reset. The
// figure gets data-state = idle | running | pausing | paused | done | error.
import { el } from 'relu-wasm/ui';

export interface EpochPaceOptions {
  root: HTMLElement;
  /** Runs one epoch (loading and initialising first if needed); resolves false once the run is over. */
  step: () => Promise<boolean>;
  /** A fresh run at epoch 0. */
  reset: () => Promise<void>;
  /** An epoch or reset failed: say why (the state is then 'error'; Train tries again). */
  onError: (error: unknown) => void;
}

export class EpochPace {
  readonly element: HTMLElement;
  readonly #o: EpochPaceOptions;
  readonly #play: HTMLButtonElement;
  readonly #step: HTMLButtonElement;
  readonly #reset: HTMLButtonElement;
  #running = false;
  #busy = false;
  /** Pause was pressed during an epoch that has not ended yet. */
  #pausing = false;
  #state: 'idle' | 'paused' | 'done' | 'error' = 'idle';

  constructor(options: EpochPaceOptions) {
    this.#o = options;
    this.#play = el('button', { type: 'button', class: 'primary', 'data-testid': 'cnn-train' }, 'Train');
    this.#step = el('button', { type: 'button', 'data-testid': 'cnn-step' }, 'Step: one epoch');
    this.#reset = el('button', { type: 'button', 'data-testid': 'cnn-reset' }, 'Reset');
    this.element = el('span', { class: 'pace' }, this.#play, this.#step, this.#reset);
    this.#play.addEventListener('click', () => {
      if (this.#running) this.pause();
      else void this.play();
    });
    this.#step.addEventListener('click', () => void this.#once());
    this.#reset.addEventListener('click', () => void this.reset());
    this.#sync();
  }

  /** Epoch after epoch until the run is over or pause() (after an ended run: a fresh one). */
  async play(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#pausing = false;
    this.#sync();
    while (this.#busy) await this.#idle();
    if (this.#state === 'done') await this.#resetNow();
    while (this.#running && (await this.#unit()));
    this.#running = false;
    this.#sync();
  }

  /** Stops when the epoch in flight ends. */
  pause(): void {
    this.#running = false;
    this.#pausing = this.#busy;
    this.#sync();
  }

  async reset(): Promise<void> {
    this.#running = false;
    this.#sync();
    while (this.#busy) await this.#idle();
    await this.#resetNow();
  }

  async #resetNow(): Promise<void> {
    this.#busy = true;
    this.#sync();
    try {
      await this.#o.reset();
      this.#state = 'idle';
    } catch (error) {
      this.#state = 'error';
      this.#o.onError(error);
    }
    this.#busy = false;
    this.#sync();
  }

  async #once(): Promise<void> {
    if (this.#running || this.#busy || this.#state === 'done') return;
    await this.#unit();
    this.#sync();
  }

  /** One epoch; false when the run is over or failed. */
  async #unit(): Promise<boolean> {
    this.#busy = true;
    this.#sync();
    let more = false;
    try {
      more = await this.#o.step();
      this.#state = more ? 'paused' : 'done';
    } catch (error) {
      this.#state = 'error';
      this.#running = false;
      this.#o.onError(error);
    }
    this.#busy = false;
    this.#pausing = false;
    this.#sync();
    return more;
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 50));
  }

  #sync(): void {
    const state = this.#running || (this.#busy && !this.#pausing) ? 'running' : this.#pausing ? 'pausing' : this.#state;
    this.#play.textContent = this.#running
      ? 'Pause'
      : state === 'pausing'
        ? 'Pausing at the end of this epoch… (Resume)'
        : state === 'done'
          ? 'Train again'
          : state === 'paused'
            ? 'Resume'
            : 'Train';
    this.#step.disabled = this.#running || this.#busy || state === 'done';
    this.#o.root.dataset.state = state;
  }
}
