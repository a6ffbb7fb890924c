// Runs work in frame-sized slices: `tick(deadline)` is called once per animation frame while
// the loop is running AND its target is on screen, and should stop working when
// performance.now() passes `deadline`, so no frame is ever blocked. V8 swaps in optimised WASM
// code only between calls, so many short calls beat one long one anyway.

/** Milliseconds of work per frame: leaves most of a 16.7 ms frame to the page. */
export const FRAME_BUDGET_MS = 5;

export interface FrameLoopOptions {
  /** Called when the loop starts or stops (by start(), pause(), or a tick returning false). */
  onChange?: (running: boolean) => void;
  /** Called once, the first time the target scrolls into view. */
  onFirstVisible?: () => void;
  /** Work per frame in milliseconds; {@link FRAME_BUDGET_MS} by default. */
  budgetMs?: number;
}

export interface FrameLoop {
  start(): void;
  pause(): void;
  /** Stops for good: pauses (without onChange) and stops watching the target's visibility. */
  dispose(): void;
  readonly running: boolean;
  /** True while the target is at least partly inside the viewport. */
  readonly visible: boolean;
}

/**
 * A loop over `tick`, paused while `target` is off screen. `tick` returns false to stop the
 * loop (onChange(false) follows). Where IntersectionObserver is missing, the target counts as
 * visible.
 */
export function frameLoop(
  target: Element,
  tick: (deadline: number) => boolean | void,
  options: FrameLoopOptions = {},
): FrameLoop {
  const { onChange, onFirstVisible, budgetMs = FRAME_BUDGET_MS } = options;
  let running = false;
  let visible = typeof IntersectionObserver !== 'function';
  let seen = false;
  let handle = 0;

  const frame = (): void => {
    handle = 0;
    if (!running || !visible) return;
    if (tick(performance.now() + budgetMs) === false) {
      running = false;
      onChange?.(false);
      return;
    }
    schedule();
  };
  const schedule = (): void => {
    if (handle === 0 && running && visible) handle = requestAnimationFrame(frame);
  };
  const cancel = (): void => {
    if (handle !== 0) cancelAnimationFrame(handle);
    handle = 0;
  };

  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
          visible = entries.some((e) => e.isIntersecting);
          if (visible && !seen) {
            seen = true;
            onFirstVisible?.();
          }
          schedule();
        })
      : undefined;
  observer?.observe(target);

  return {
    start() {
      if (running) return;
      running = true;
      onChange?.(true);
      schedule();
    },
    pause() {
      if (!running) return;
      running = false;
      cancel();
      onChange?.(false);
    },
    dispose() {
      running = false;
      cancel();
      observer?.disconnect();
    },
    get running() {
      return running;
    },
    get visible() {
      return visible;
    },
  };
}
