// `import { ... } from 'relu-wasm/ui'`: the building blocks the package's elements, the article
// and the playground draw with, for your own pages too. Plain functions and one class, no side
// effects on import; they need a DOM (a browser or a worker with OffscreenCanvas is not enough
// for the painter, which makes a small <canvas>).
export { CLASS_0, CLASS_1, CLASS_COLORS, NEUTRAL, classColor, cssColor, diverging, mix, type RGB } from './palette.js';
export {
  boundaryGrid,
  fromClient,
  paintActivations,
  paintBoundary,
  paintGrid,
  paintPoints,
  toCanvas,
  type BoundaryKind,
  type BoundaryOptions,
  type PlotPoint,
  type PointOptions,
} from './heatmap.js';
export { LossChart, type LossChartOptions } from './loss-chart.js';
export { fixed, formatFloat, formatNumber, integer } from './format.js';
export { el, setAttrs, statList, svg, type Attrs } from './dom.js';
export { FRAME_BUDGET_MS, frameLoop, type FrameLoop, type FrameLoopOptions } from './frame-loop.js';
