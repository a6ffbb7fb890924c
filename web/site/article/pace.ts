// The reader's pace for every training demo: nothing trains until Play; Pause, a single Step,
// a Speed choice and Reset beside it. The demo supplies `advance(steps, deadline)`, which does
// up to `steps` training steps (stopping early past `deadline`, a performance.now() time) and
// returns false once the run is over (finished or diverged; call finish('diverged') first to
// say which). Work runs in frame-sized slices
// (relu-wasm/ui's frameLoop), only while the figure is on screen.
//
// data-testids (with the demo's prefix): <prefix>-play, <prefix>-step, <prefix>-speed,
// <prefix>-reset. The demo's root gets data-state = idle | running | paused | done.
import { el, frameLoop, type FrameLoop } from 'relu-wasm/ui';

export interface Speed {
  /** Training steps per animation frame. */
  steps: number;
  label: string;
}

/** Slow enough to watch each step, normal, and fast (as fast as the frame budget allows). */
export const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 5, label: 'Normal' },
  { steps: 50, label: 'Fast' },
];

export interface PaceOptions {
  /** The demo's root (its figure): data-state goes here; off screen, training pauses. */
  root: HTMLElement;
  /** data-testid prefix of the controls. */
  prefix: string;
  /** Does up to `steps` steps, stops early past `deadline`; false when the run is over. */
  advance: (steps: number, deadline: number) => boolean;
  /** Back to step 0 with fresh weights (the demo redraws itself). */
  reset: () => void;
  /** Steps done by one press of Step; 1 by default. */
  stepSize?: number;
  speeds?: readonly Speed[];
  /** Index into `speeds` chosen at first; Normal by default. */
  speed?: number;
}

export class Pace {
  /** The controls, to place in the demo's control row. */
  readonly element: HTMLElement;
  readonly #options: PaceOptions;
  readonly #loop: FrameLoop;
  readonly #play: HTMLButtonElement;
  readonly #step: HTMLButtonElement;
  readonly #speed: HTMLSelectElement;
  #over = false;
  #started = false;
  #endState = 'done';

  constructor(options: PaceOptions) {
    this.#options = options;
    const { root, prefix, speeds = SPEEDS, speed = 1 } = options;
    this.#play = el('button', { type: 'button', class: 'primary', 'data-testid': `${prefix}-play` }, 'Play');
    this.#step = el('button', { type: 'button', 'data-testid': `${prefix}-step` }, 'Step');
    const reset = el('button', { type: 'button', 'data-testid': `${prefix}-reset` }, 'Reset');
    this.#speed = el('select', { id: `${prefix}-speed`, 'data-testid': `${prefix}-speed` });
    speeds.forEach((s, i) =>
      this.#speed.append(
        el('option', { value: i, selected: i === speed || undefined }, `${s.label} (${s.steps}/frame)`),
      ),
    );
    this.element = el(
      'span',
      { class: 'pace' },
      this.#play,
      this.#step,
      el('span', { class: 'pace-speed' }, el('label', { for: `${prefix}-speed` }, 'Speed'), this.#speed),
      reset,
    );

    this.#loop = frameLoop(
      root,
      (deadline) => {
        const steps = speeds[Number(this.#speed.value)]?.steps ?? 1;
        this.#started = true;
        if (!this.#options.advance(steps, deadline)) this.#over = true;
        return !this.#over;
      },
      { onChange: () => this.#sync() },
    );
    this.#play.addEventListener('click', () => {
      if (this.#loop.running) return this.pause();
      if (this.#over) this.reset();
      this.play();
    });
    this.#step.addEventListener('click', () => {
      this.pause();
      if (this.#over) return;
      this.#started = true;
      if (!this.#options.advance(this.#options.stepSize ?? 1, Infinity)) this.#over = true;
      this.#sync();
    });
    reset.addEventListener('click', () => {
      this.pause();
      this.reset();
    });
    root.dataset.state = 'idle';
  }

  get running(): boolean {
    return this.#loop.running;
  }

  play(): void {
    if (!this.#over) this.#loop.start();
  }

  pause(): void {
    this.#loop.pause();
  }

  /** Fresh run at step 0 (keeps playing if it was). */
  reset(): void {
    this.#over = false;
    this.#started = false;
    this.#endState = 'done';
    this.#options.reset();
    this.#sync();
  }

  /** Ends the run early (e.g. it diverged); `state` becomes the root's data-state. */
  finish(state = 'done'): void {
    this.#over = true;
    this.#endState = state;
    this.pause();
    this.#sync();
  }

  dispose(): void {
    this.#loop.dispose();
  }

  #sync(): void {
    const running = this.#loop.running;
    this.#play.textContent = running ? 'Pause' : this.#over ? 'Train again' : 'Play';
    this.#step.disabled = this.#over;
    this.#options.root.dataset.state = running
      ? 'running'
      : this.#over
        ? this.#endState
        : this.#started
          ? 'paused'
          : 'idle';
  }
}
