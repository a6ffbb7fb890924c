// Section 1: ReLU (or Leaky ReLU) and its derivative, probed by mouse, touch or keyboard: the
// package's <relu-plot> element (its values come from the kernels; open dots mark the
// derivative's one-sided limits at 0, and a note explains the value the kernels use there),
// plus the article's Leaky ReLU slope slider, which drives the element's attributes.
//
// data-testids (page): relu-plot (the element), leaky-slope (range 0..0.3), leaky-slope-value.
// Inside the element's shadow root: plot (the slider), curve, probe-x, probe-fx, probe-dfx,
// probe-note.
import 'relu-wasm/elements';

import { el } from 'relu-wasm/ui';

import { mountInto, slider } from './widget.js';

export function mountReluPlot(root: HTMLElement): void {
  const plot = el('relu-plot', { 'data-testid': 'relu-plot', activation: 'relu' });
  const slope = slider({
    id: 'leaky-slope',
    label: 'Leaky ReLU slope α (0 is plain ReLU)',
    min: 0,
    max: 0.3,
    step: 0.01,
    value: 0,
    testid: 'leaky-slope',
    format: (v) => v.toFixed(2),
  });
  slope.input.addEventListener('input', () => {
    const alpha = Number(slope.input.value);
    // α = 0 is plain ReLU: the relu kernels, and their convention at 0.
    plot.setAttribute('activation', alpha === 0 ? 'relu' : 'leaky_relu');
    plot.setAttribute('slope', String(alpha));
  });
  const caption = el(
    'figcaption',
    {},
    'ReLU (top) and its derivative (bottom). At 0 the open dots are the derivative’s one-sided limits; the filled dot is the value the kernels use.',
  );
  mountInto(root, plot, slope.root, caption);
}
