// The chunked loop behind every network's trainAsync and trainOnAsync: a minibatch run cut
// into engine calls of a few milliseconds each, with the event loop running between them.
// The engine's split-run contract (TrainLoop.firstStep / lossSum) makes the chunks add up to
// one call bit for bit.
import type { EngineTrainLoop } from './mlp-options.js';

/** What one engine train call reports (cpp/nn/options.h TrainResult, read at its offsets). */
export interface TrainResult {
  meanLoss: number;
  lossSum: number;
  stepsRun: number;
}

/** A checked async run: its engine loop, and the caller's signal and progress callback. */
export interface ChunkedRun {
  loop: EngineTrainLoop;
  signal: AbortSignal | undefined;
  onProgress: ((stepsDone: number, meanLoss: number) => void) | undefined;
}

/** Lets the event loop run between two chunks (rendering, input, abort). */
function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long one chunk may hold the thread: a frame's share at 60 Hz. */
const CHUNK_MS = 8;

/**
 * Runs loop.steps steps through `run`, each chunk sized to take about CHUNK_MS, yielding to the
 * event loop between chunks; `disposed` is asked after each yield. Resolves to the mean loss
 * (early, and non-finite, when a step diverged).
 */
export async function runChunks(
  method: string,
  { loop, signal, onProgress }: ChunkedRun,
  run: (loop: EngineTrainLoop) => TrainResult,
  disposed: () => boolean,
): Promise<number> {
  const total = loop.steps;
  let chunk = 1;
  let result: TrainResult = { meanLoss: NaN, lossSum: 0, stepsRun: 0 };
  while (loop.firstStep < total) {
    const steps = Math.min(chunk, total - loop.firstStep);
    const started = performance.now();
    result = run({ ...loop, steps });
    const elapsed = performance.now() - started;
    loop.firstStep += steps;
    loop.lossSum = result.lossSum;
    if (result.stepsRun < steps) return result.meanLoss; // diverged
    onProgress?.(loop.firstStep, result.meanLoss);
    if (loop.firstStep >= total) break;
    // Aim each chunk at CHUNK_MS from the last one's pace, growing at most 4x at a time.
    chunk = Math.max(1, Math.min(chunk * 4, Math.floor((steps * CHUNK_MS) / Math.max(elapsed, 0.01))));
    await yieldToEventLoop();
    signal?.throwIfAborted();
    if (disposed()) throw new TypeError(`the network was disposed while ${method} was running`);
  }
  return result.meanLoss;
}
