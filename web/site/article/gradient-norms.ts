// The arithmetic behind section 7's depth widget (./depth-widget.ts), kept free of the DOM so
// Node tests it (tests/site/gradient-norms.test.mjs): the size of each hidden layer's weight
// gradient, the first-to-last ratio the widget reports, the reader's depth as typed, and the
// log-scale domain the bars are drawn on.

/** The depths the widget offers: 1 to 20 hidden layers. */
export const MIN_DEPTH = 1;
export const MAX_DEPTH = 20;

/** The Frobenius norm sqrt(sum of squares), summed in double precision without overflow. */
export function frobeniusNorm(values: ArrayLike<number>): number {
  // Scaled by the largest magnitude so squares of huge or tiny float32 values stay finite
  // and do not flush to zero.
  let scale = 0;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}

/**
 * The weight-gradient norm of each hidden layer: `grads[k].dW` holds the weights into hidden
 * layer k + 1, so the first `hidden` entries are the hidden layers (the last entry, the output
 * layer's, is left out).
 */
export function hiddenLayerNorms(grads: readonly { dW: ArrayLike<number> }[], hidden: number): number[] {
  return grads.slice(0, hidden).map((g) => frobeniusNorm(g.dW));
}

/** First hidden layer's norm divided by the last hidden layer's (NaN when that one is 0). */
export function firstToLastRatio(norms: readonly number[]): number {
  const first = norms[0];
  const last = norms[norms.length - 1];
  if (first === undefined || last === undefined || !(last > 0)) return NaN;
  return first / last;
}

/** A number for people and for data attributes at once: 3 significant digits, plain JS syntax. */
export function plainNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);
}

export type DepthInput = { ok: true; depth: number } | { ok: false; message: string };

/** The reader's depth as typed into the number input (its value: '' when the text is not a number). */
export function parseDepth(text: string): DepthInput {
  const trimmed = text.trim();
  const message = `Depth must be a whole number from ${MIN_DEPTH} to ${MAX_DEPTH}`;
  if (trimmed === '') return { ok: false, message: `${message}; the field is empty or not a number.` };
  const value = Number(trimmed);
  if (!Number.isInteger(value)) return { ok: false, message: `${message}; “${trimmed}” is not a whole number.` };
  if (value < MIN_DEPTH || value > MAX_DEPTH) return { ok: false, message: `${message}; ${value} is out of range.` };
  return { ok: true, depth: value };
}

/**
 * The powers of ten a log-scale bar axis runs between, covering every positive finite value
 * given, at least `minDecades` decades wide; [1e-3, 1e0] when there is none.
 */
export function decadeDomain(values: readonly number[], minDecades = 2): { lo: number; hi: number } {
  const shown = values.filter((v) => v > 0 && Number.isFinite(v));
  if (shown.length === 0) return { lo: -3, hi: 0 };
  let lo = Math.floor(Math.log10(Math.min(...shown)));
  const hi = Math.ceil(Math.log10(Math.max(...shown)));
  if (hi - lo < minDecades) lo = hi - minDecades;
  return { lo, hi };
}

/** Where `value` falls on [10^lo, 10^hi] as a fraction from 0 to 1 (0 for 0 and below). */
export function logPosition(value: number, domain: { lo: number; hi: number }): number {
  if (!(value > 0)) return 0;
  const t = (Math.log10(value) - domain.lo) / (domain.hi - domain.lo);
  return Math.min(1, Math.max(0, t));
}
