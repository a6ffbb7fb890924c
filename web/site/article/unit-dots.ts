// A column of dots per hidden layer, one dot per unit; units listed as `off` are drawn hollow
// and dashed, and before there is a network to read every dot is a faint pending outline
// (./unit-dots.css).
import { svg } from 'relu-wasm/ui';

import './unit-dots.css';

export class UnitDots {
  readonly element: SVGSVGElement;
  readonly #dots: SVGCircleElement[][];

  constructor(layers: number[], label: string, testid: string) {
    const gap = 22;
    const h = Math.max(...layers) * gap + 8;
    const w = layers.length * 40 + 8;
    this.#dots = layers.map((units, l) =>
      Array.from({ length: units }, (_, u) =>
        svg('circle', { cx: 24 + l * 40, cy: 15 + u * gap, r: 8, class: 'unit', 'data-dead': 'false' }),
      ),
    );
    this.element = svg(
      'svg',
      { viewBox: `0 0 ${w} ${h}`, class: 'unit-dots', role: 'img', 'aria-label': label, 'data-testid': testid },
      ...this.#dots.flat(),
    );
  }

  /** No network yet: every dot is drawn as pending (neither alive nor dead). */
  clear(): void {
    for (const dot of this.#dots.flat()) dot.setAttribute('data-dead', 'pending');
  }

  /** off[l] lists the units of hidden layer l to mark as off. */
  update(off: number[][]): void {
    this.#dots.forEach((layer, l) => {
      const set = new Set(off[l] ?? []);
      layer.forEach((dot, u) => dot.setAttribute('data-dead', String(set.has(u))));
    });
  }
}
