// The network drawn as TF Playground draws it: input features, then a column of neurons per
// layer, each showing its output over the plane, linked by lines whose width and colour show
// the weights. Neurons are buttons (select one to see and edit its bias); dead units are marked.
import { diverging, el, paintActivations, svg } from 'relu-wasm/ui';

import { FEATURE_LABELS, featurize, gridCoords, NEURON_GRID } from './data.js';
import { FEATURES, type Feature } from './state.js';
import type { Frame } from './protocol.js';

/** Neurons drawn per layer; wider layers show their first ones and a count of the rest. */
export const MAX_SHOWN = 12;

export interface NetworkViewEvents {
  onFeature(feature: Feature, on: boolean): void;
  onUnits(layer: number, delta: number): void;
  onSelect(layer: number, unit: number): void;
}

interface Column {
  el: HTMLElement;
  nodes: HTMLElement[];
  canvases: HTMLCanvasElement[];
}

export class NetworkView {
  #columns: Column[] = [];
  #links: Array<{ line: SVGLineElement; layer: number; out: number; in: number }> = [];
  #svg: SVGSVGElement;
  #body: HTMLElement;
  #sizes: number[] = [];
  #features: Feature[] = [];
  /** Node heights change once biases are written, so links are laid out again then. */
  #needsLayout = true;

  constructor(
    private readonly root: HTMLElement,
    private readonly events: NetworkViewEvents,
  ) {
    this.#svg = svg('svg', { class: 'links', 'aria-hidden': 'true' });
    this.#body = el('div', { class: 'columns' });
    root.replaceChildren(this.#svg, this.#body);
    new ResizeObserver(() => this.layoutLinks()).observe(root);
  }

  /** Rebuilds the columns for a network of `sizes` (inputs first) fed by `features`. */
  build(sizes: number[], features: Feature[], kind: string): void {
    this.#sizes = sizes;
    this.#features = features;
    this.#columns = [];
    this.#body.replaceChildren();
    // Inputs: every feature, checkable; the active ones feed the first layer.
    const inputs = el('div', { class: 'column inputs' });
    inputs.append(el('h3', { class: 'column-title' }, 'Features'));
    const inCol: Column = { el: inputs, nodes: [], canvases: [] };
    const coords = gridCoords(NEURON_GRID);
    for (const f of FEATURES) {
      const label = el('label', { class: 'node feature' });
      const box = el('input');
      box.type = 'checkbox';
      box.checked = features.includes(f);
      box.dataset.testid = `feature-${f}`;
      box.addEventListener('change', () => this.events.onFeature(f, box.checked));
      const canvas = el('canvas', { class: 'thumb' });
      canvas.width = canvas.height = NEURON_GRID;
      paintActivations(canvas.getContext('2d')!, featurize(coords, [f]), NEURON_GRID);
      label.append(box, canvas, el('span', { class: 'feature-name' }, FEATURE_LABELS[f]));
      if (!box.checked) label.classList.add('off');
      inputs.append(label);
      if (box.checked) {
        inCol.nodes.push(label);
        inCol.canvases.push(canvas);
      }
    }
    this.#columns.push(inCol);
    this.#body.append(inputs);
    for (let l = 1; l < sizes.length; l++) {
      const isOutput = l === sizes.length - 1;
      const units = sizes[l]!;
      const col = el('div', { class: `column ${isOutput ? 'output' : 'hidden'}` });
      const title = el('h3', { class: 'column-title' }, isOutput ? 'Output' : `Layer ${l}`);
      col.append(title);
      if (!isOutput) {
        const controls = el('div', { class: 'unit-controls' });
        const minus = el('button', { class: 'small' }, '−');
        minus.type = 'button';
        minus.setAttribute('aria-label', `Remove a neuron from layer ${l}`);
        minus.disabled = units <= 1;
        minus.addEventListener('click', () => this.events.onUnits(l - 1, -1));
        const plus = el('button', { class: 'small' }, '+');
        plus.type = 'button';
        plus.setAttribute('aria-label', `Add a neuron to layer ${l}`);
        plus.addEventListener('click', () => this.events.onUnits(l - 1, +1));
        controls.append(minus, el('span', { class: 'unit-count' }, `${units}`), plus);
        col.append(controls);
      }
      const c: Column = { el: col, nodes: [], canvases: [] };
      const shown = Math.min(units, MAX_SHOWN);
      for (let u = 0; u < shown; u++) {
        const node = el('button', { class: 'node neuron' });
        node.type = 'button';
        node.dataset.layer = String(l);
        node.dataset.unit = String(u);
        node.setAttribute(
          'aria-label',
          isOutput ? `Output ${u + 1}${kind === 'multiclass' ? ` (class ${u})` : ''}` : `Layer ${l} neuron ${u + 1}`,
        );
        node.addEventListener('click', () => this.events.onSelect(l - 1, u));
        if (!isOutput) {
          const canvas = el('canvas', { class: 'thumb' });
          canvas.width = canvas.height = NEURON_GRID;
          node.append(canvas);
          c.canvases.push(canvas);
        } else node.append(el('span', { class: 'output-label' }, kind === 'multiclass' ? `class ${u}` : 'out'));
        node.append(el('span', { class: 'bias' }));
        c.nodes.push(node);
        col.append(node);
      }
      if (units > shown) col.append(el('p', { class: 'more' }, `+${units - shown} more`));
      this.#columns.push(c);
      this.#body.append(col);
    }
    this.#makeLinks();
    this.#needsLayout = true;
    requestAnimationFrame(() => this.layoutLinks());
  }

  #makeLinks(): void {
    this.#svg.replaceChildren();
    this.#links = [];
    for (let l = 0; l + 1 < this.#columns.length; l++) {
      const from = this.#columns[l]!.nodes.length;
      const to = this.#columns[l + 1]!.nodes.length;
      for (let o = 0; o < to; o++) {
        for (let i = 0; i < from; i++) {
          const line = svg('line');
          this.#svg.append(line);
          this.#links.push({ line, layer: l, out: o, in: i });
        }
      }
    }
  }

  layoutLinks(): void {
    const base = this.root.getBoundingClientRect();
    this.#svg.setAttribute('width', String(this.#body.scrollWidth));
    this.#svg.setAttribute('height', String(this.#body.scrollHeight));
    const anchor = (n: HTMLElement, right: boolean) => {
      const r = n.getBoundingClientRect();
      return [(right ? r.right : r.left) - base.left + this.root.scrollLeft, r.top + r.height / 2 - base.top];
    };
    for (const link of this.#links) {
      const a = anchor(this.#columns[link.layer]!.nodes[link.in]!, true);
      const b = anchor(this.#columns[link.layer + 1]!.nodes[link.out]!, false);
      link.line.setAttribute('x1', String(a[0]));
      link.line.setAttribute('y1', String(a[1]));
      link.line.setAttribute('x2', String(b[0]));
      link.line.setAttribute('y2', String(b[1]));
    }
  }

  update(frame: Frame, discretize: boolean): void {
    if (this.#needsLayout) requestAnimationFrame(() => this.layoutLinks());
    this.#needsLayout = false;
    const deadSets = frame.dead.map((d) => new Set(d));
    for (let l = 1; l < this.#columns.length; l++) {
      const col = this.#columns[l]!;
      const acts = frame.neurons[l - 1];
      const units = this.#sizes[l]!;
      const b = frame.layers[l - 1]?.b;
      col.nodes.forEach((node, u) => {
        const dead = deadSets[l - 1]?.has(u) ?? false;
        node.classList.toggle('dead', dead);
        const bias = b?.[u] ?? NaN;
        const text = Number.isFinite(bias) ? bias.toFixed(2) : 'NaN';
        const span = node.querySelector('.bias')!;
        if (span.textContent !== text) span.textContent = text;
        // The accessible name changes only with the dead mark (the bias is in the panel).
        const label = node.getAttribute('aria-label')!;
        if (label.endsWith(', dead') !== dead)
          node.setAttribute('aria-label', dead ? `${label}, dead` : label.replace(/, dead$/, ''));
      });
      if (acts)
        col.canvases.forEach((c, u) => paintActivations(c.getContext('2d')!, acts, NEURON_GRID, units, u, discretize));
    }
    for (const link of this.#links) {
      const p = frame.layers[link.layer];
      if (!p) continue;
      const inputs = this.#sizes[link.layer]!;
      const w = p.W[link.out * inputs + link.in] ?? 0;
      const [r, g, bl] = diverging(Number.isFinite(w) ? Math.sign(w) : 0);
      link.line.style.stroke = `rgb(${r | 0}, ${g | 0}, ${bl | 0})`;
      link.line.style.strokeWidth = String(Number.isFinite(w) ? Math.min(6, 0.4 + Math.abs(w) * 1.5) : 0.5);
    }
  }

  get features(): Feature[] {
    return this.#features;
  }
}
