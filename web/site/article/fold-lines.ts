// The fold lines of a network's first layer, drawn over its boundary canvas: unit u computes
// relu(w·x + b), which is 0 on one side of the line w·x + b = 0 and grows linearly on the
// other. Each line gets a short arrow along w, pointing to the side where the unit is active.
// An SVG laid over the canvas in the networks' coordinates ([-1, 1] on both axes, x2 up), so
// the lines stay crisp at any size and each one is an element (class "fold", data-unit).
import { svg } from 'relu-wasm/ui';

/** Arrow length, in the networks' coordinates (the plot is 2 wide). */
const ARROW = 0.16;
const HEAD = 0.06;

/** The part of the line {p + t d} inside the square [-1, 1]², or null when it misses it. */
function clip(p: [number, number], d: [number, number]): [[number, number], [number, number]] | null {
  let lo = -Infinity;
  let hi = Infinity;
  for (const k of [0, 1] as const) {
    if (Math.abs(d[k]) < 1e-12) {
      if (Math.abs(p[k]) > 1) return null;
      continue;
    }
    const a = (-1 - p[k]) / d[k];
    const b = (1 - p[k]) / d[k];
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  }
  if (!(hi > lo)) return null;
  return [
    [p[0] + lo * d[0], p[1] + lo * d[1]],
    [p[0] + hi * d[0], p[1] + hi * d[1]],
  ];
}

export class FoldLines {
  readonly element: SVGSVGElement;

  constructor(testid: string) {
    // Decorative for assistive technology: the figure's text says what the lines are.
    this.element = svg('svg', {
      viewBox: '-1 -1 2 2',
      class: 'fold-lines',
      'aria-hidden': 'true',
      'data-testid': testid,
    });
  }

  /** Redraws one line per unit from the first layer's W [units][2] and b [units]. */
  update(W: ArrayLike<number>, b: ArrayLike<number>): void {
    const parts: SVGElement[] = [];
    let inside = 0;
    for (let u = 0; u < b.length; u++) {
      const w: [number, number] = [W[2 * u]!, W[2 * u + 1]!];
      const norm = Math.hypot(w[0], w[1]);
      const g = svg('g', { class: 'fold', 'data-unit': u });
      parts.push(g);
      if (!(norm > 0)) continue;
      // The point of the line nearest the origin, and the line's direction.
      const p: [number, number] = [(-b[u]! * w[0]) / norm ** 2, (-b[u]! * w[1]) / norm ** 2];
      const seg = clip(p, [-w[1], w[0]]);
      g.dataset.visible = String(seg !== null);
      if (!seg) continue;
      inside++;
      const [a, c] = seg;
      const m: [number, number] = [(a[0] + c[0]) / 2, (a[1] + c[1]) / 2];
      const n: [number, number] = [w[0] / norm, w[1] / norm];
      const tip: [number, number] = [m[0] + ARROW * n[0], m[1] + ARROW * n[1]];
      const head: [number, number][] = [
        tip,
        [tip[0] - HEAD * n[0] - HEAD * 0.6 * n[1], tip[1] - HEAD * n[1] + HEAD * 0.6 * n[0]],
        [tip[0] - HEAD * n[0] + HEAD * 0.6 * n[1], tip[1] - HEAD * n[1] - HEAD * 0.6 * n[0]],
      ];
      // y is flipped: the networks' x2 points up, SVG's y down.
      const line = { x1: a[0], y1: -a[1], x2: c[0], y2: -c[1] };
      const arrow = { x1: m[0], y1: -m[1], x2: tip[0], y2: -tip[1] };
      g.append(
        svg('line', { ...line, class: 'fold-halo' }),
        svg('line', { ...arrow, class: 'fold-halo' }),
        svg('line', { ...line, class: 'fold-line' }),
        svg('line', { ...arrow, class: 'fold-line' }),
        svg('polygon', { points: head.map(([x, y]) => `${x},${-y}`).join(' '), class: 'fold-head' }),
      );
    }
    this.element.dataset.folds = String(b.length);
    this.element.dataset.inside = String(inside);
    this.element.replaceChildren(...parts);
  }
}
