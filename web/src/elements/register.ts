// `import 'relu-wasm/elements'`: registers <relu-plot> and <relu-playground>. The only module
// of the package with a side effect (package.json "sideEffects" lists it). Safe to import
// twice (e.g. two bundles on one page) and in Node, where there is nothing to register.
import { ReluPlaygroundElement } from './relu-playground.js';
import { ReluPlotElement } from './relu-plot.js';

export { ReluElements } from './shared-relu.js';
export { ReluPlaygroundElement, ReluPlotElement };

if (typeof customElements !== 'undefined') {
  if (!customElements.get('relu-plot')) customElements.define('relu-plot', ReluPlotElement);
  if (!customElements.get('relu-playground')) customElements.define('relu-playground', ReluPlaygroundElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'relu-plot': ReluPlotElement;
    'relu-playground': ReluPlaygroundElement;
  }
}
