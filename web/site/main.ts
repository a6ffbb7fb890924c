// The article's wiring: load relu-wasm once, then mount each section's widget (one module per
// widget under article/). If WASM cannot start, every widget says so and the prose still reads.
// The package's elements (section 1's <relu-plot>) share the article's one instance.
import type { ReluWasm } from 'relu-wasm';
import { ReluElements } from 'relu-wasm/elements';

import { mountBench } from './article/bench.js';
import { mountCnn } from './article/cnn/cnn.js';
import { mountCodePanels } from './article/code-panels.js';
import { mountConvDemo } from './article/conv-demo.js';
import { mountCostWidget } from './article/cost-widget.js';
import { mountDeadAtInit } from './article/dead-at-init.js';
import { mountDepthWidget } from './article/depth-widget.js';
import { mountDyingRelu } from './article/dying-relu.js';
import { mountFoldDemo } from './article/fold-demo.js';
import { mountGradAtZero } from './article/grad-at-zero.js';
import { mountImages } from './article/images/images.js';
import { mountLayerMatrix } from './article/layer-matrix.js';
import { numberArticle } from './article/numbering.js';
import { mountReluPlot } from './article/relu-plot.js';
import { watchScrollBoxes } from './article/scroll-box.js';
import { mountTrainingDemo } from './article/training-demo.js';
import { mountVectorExample } from './article/vector-example.js';
import { showWidgetError } from './article/widget.js';

const backend = document.querySelector<HTMLOutputElement>('#backend')!;
const byId = (id: string): HTMLElement => document.getElementById(id)!;

const WIDGETS: [string, (rw: ReluWasm) => void][] = [
  ['relu-plot-widget', () => mountReluPlot(byId('relu-plot-widget'))],
  ['vector-widget', (rw) => mountVectorExample(rw)],
  ['matrix-widget', (rw) => mountLayerMatrix(byId('matrix-widget'), rw)],
  ['code-widget', (rw) => mountCodePanels(rw)],
  ['bench-widget', (rw) => mountBench(byId('bench-widget'), rw)],
  ['cost-widget', (rw) => mountCostWidget(byId('cost-widget'), rw)],
  ['conv-widget', (rw) => mountConvDemo(byId('conv-widget'), rw)],
  ['images-widget', (rw) => mountImages(byId('images-widget'), rw)],
  ['cnn-widget', () => mountCnn(byId('cnn-widget'))],
  ['fold-widget', (rw) => mountFoldDemo(byId('fold-widget'), rw)],
  ['train-widget', (rw) => mountTrainingDemo(byId('train-widget'), rw)],
  ['depth-widget', (rw) => mountDepthWidget(byId('depth-widget'), rw)],
  ['gaz-widget', (rw) => mountGradAtZero(byId('gaz-widget'), rw)],
  ['dying-widget', (rw) => mountDyingRelu(byId('dying-widget'), rw)],
  ['dead-init-widget', (rw) => mountDeadAtInit(byId('dead-init-widget'), rw)],
];

// Citation and figure numbers, and the code blocks' scroll cues, need no WebAssembly.
numberArticle(document);
watchScrollBoxes();

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

try {
  // ?simd=off runs the whole article on the scalar build, as on an engine without WASM SIMD.
  const simd = new URLSearchParams(location.search).get('simd') === 'off' ? false : 'auto';
  ReluElements.configure({ simd });
  const rw = await ReluElements.relu();
  backend.textContent = rw.backend;
  for (const [id, mount] of WIDGETS) {
    // One widget failing must not take the others down.
    try {
      mount(rw);
    } catch (error) {
      console.warn(`widget ${id} failed`, error);
      if (id !== 'vector-widget' && id !== 'code-widget')
        showWidgetError(byId(id), `This widget could not start: ${message(error)}`);
    }
  }
} catch (error) {
  backend.textContent = 'unavailable';
  const why = `WebAssembly could not start, so this widget cannot run (${message(error)}). The text around it reads on its own.`;
  for (const [id] of WIDGETS) {
    if (id === 'vector-widget') {
      const status = byId('example-status');
      status.textContent = why;
      status.classList.add('error');
    } else if (id === 'code-widget') {
      document.querySelector('[data-testid="code-ts-result"]')!.textContent =
        'unavailable: WebAssembly could not start';
    } else {
      showWidgetError(byId(id), why);
    }
  }
}
