// The colours every relu-wasm picture uses, TensorFlow Playground's: class 0 orange, class 1
// blue, and between them a diverging map through a light grey. One home, so the article, the
// playground and the elements cannot drift apart again.

/** An sRGB colour, 0-255 per channel. */
export type RGB = readonly [number, number, number];

/** Class 0 (and negative values): TensorFlow Playground's orange, #f59322. */
export const CLASS_0: RGB = [245, 147, 34];
/** Class 1 (and positive values): TensorFlow Playground's blue, #0877bd. */
export const CLASS_1: RGB = [8, 119, 189];
/** The diverging map's midpoint (probability 0.5, value 0). */
export const NEUTRAL: RGB = [232, 234, 235];
/** One colour per class for multi-class data: classes 0 and 1 as above, then distinct hues. */
export const CLASS_COLORS: readonly RGB[] = [
  CLASS_0,
  CLASS_1,
  [46, 160, 67],
  [155, 89, 182],
  [214, 39, 40],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** The colour of class `k` (wraps around after {@link CLASS_COLORS}). */
export function classColor(k: number): RGB {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length] ?? CLASS_0;
}

/** `rgb(r, g, b)` for canvas and CSS. */
export function cssColor(c: RGB): string {
  return `rgb(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])})`;
}

/** The colour `t` of the way from `a` to `b` (t in [0, 1]). */
export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The diverging map: t in [-1, 1] goes orange (-1), {@link NEUTRAL} (0), blue (1); NaN is neutral. */
export function diverging(t: number): RGB {
  if (Number.isNaN(t)) return NEUTRAL;
  const c = Math.max(-1, Math.min(1, t));
  return c < 0 ? mix(NEUTRAL, CLASS_0, -c) : mix(NEUTRAL, CLASS_1, c);
}
