// Runs a demo's work in frame-sized slices: `tick(deadline)` is called once per animation
// frame while the demo is running AND on screen, and should stop working when
// performance.now() passes `deadline` (a few ms away), so no frame is ever blocked. V8 swaps
// in optimised WASM code only between calls, so many short calls beat one long one anyway.
export interface FrameLoop {
  start(): void;
  pause(): void;
  readonly running: boolean;
  /** True while the element is at least partly inside the viewport. */
  readonly visible: boolean;
}

/** Milliseconds of work per frame: leaves most of a 16.7 ms frame to the browser. */
export const FRAME_BUDGET_MS = 5;

export function frameLoop(
  target: Element,
  tick: (deadline: number) => boolean | void,
  onChange?: (running: boolean) => void,
  onFirstVisible?: () => void,
): FrameLoop {
  let running = false;
  let visible = false;
  let seen = false;
  let handle = 0;

  const frame = (): void => {
    handle = 0;
    if (!running || !visible) return;
    const keepGoing = tick(performance.now() + FRAME_BUDGET_MS);
    if (keepGoing === false) {
      running = false;
      onChange?.(false);
      return;
    }
    schedule();
  };
  const schedule = (): void => {
    if (handle === 0 && running && visible) handle = requestAnimationFrame(frame);
  };

  new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible && !seen) {
      seen = true;
      onFirstVisible?.();
    }
    schedule();
  }).observe(target);

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
      if (handle !== 0) cancelAnimationFrame(handle);
      handle = 0;
      onChange?.(false);
    },
    get running() { return running; },
    get visible() { return visible; },
  };
}
