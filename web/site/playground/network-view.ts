// The network drawn as TF Playground draws it: input features, then a column of neurons per
// layer, each showing its output over the plane, linked by lines whose width and colour show
// the weights. Neurons are toggle buttons (select one to see and edit its bias and incoming
// weights; hover or focus one to show its output on the big heatmap); links can be hovered
// (weight and gradient) and clicked (edit that weight); dead units are marked. A layer wider
// than PAGE units is drawn a page at a time, with buttons to page through every unit.
//
// Nodes carry data-layer (0 = the input features, then 1, 2, ... up to the output) and
// data-unit (the unit's index within its layer, whatever page is shown).
import { diverging, el, paintActivations, svg } from 'relu-wasm/ui';

import { FEATURE_LABELS, featurize, gridCoords, NEURON_GRID } from './data.js';
import { FEATURES, type Feature } from './state.js';
import type { Frame } from './protocol.js';

/** Units drawn at a time in one layer; wider layers page through the rest. */
export const PAGE = 12;

/** A link: weight layer `layer` (0 = features to the first hidden layer), W[out][in]. */
export interface LinkRef {
  layer: number;
  out: number;
  in: number;
}

/** What a hover or focus points at: a neuron (column `layer` >= 1, unit) or an input feature. */
export type Target = { kind: 'neuron'; layer: number; unit: number } | { kind: 'feature'; feature: Feature };

export interface NetworkViewEvents {
  onFeature(feature: Feature, on: boolean): void;
  onUnits(layer: number, delta: number): void;
  /** A neuron was clicked: weight layer `layer` (its column minus 1), unit `unit`. */
  onSelect(layer: number, unit: number): void;
  /** A node is hovered or focused (`source`), or no longer (null). */
  onPreview(source: 'hover' | 'focus', target: Target | null): void;
  onLinkHover(link: LinkRef | null): void;
  onLinkSelect(link: LinkRef): void;
}

interface Column {
  el: HTMLElement;
  nodes: HTMLElement[];
  /** The unit index of each drawn node (a page of a wide layer). */
  units: number[];
  canvases: HTMLCanvasElement[];
}

interface Link extends LinkRef {
  line: SVGLineElement;
  hit: SVGLineElement;
  /** Node positions (within the drawn page) at each end. */
  from: number;
  to: number;
}

export class NetworkView {
  #columns: Column[] = [];
  #links: Link[] = [];
  #svg: SVGSVGElement;
  #body: HTMLElement;
  #sizes: number[] = [];
  #features: Feature[] = [];
  #kind = 'binary';
  /** First unit drawn, per column (pages of wide layers). */
  #pages: number[] = [];
  #selected: { layer: number; unit: number } | null = null;
  #hot: LinkRef | null = null;
  #last: { frame: Frame; discretize: boolean } | null = null;
  /** Node heights change once biases are written, so links are laid out again then. */
  #needsLayout = true;

  constructor(
    private readonly root: HTMLElement,
    private readonly events: NetworkViewEvents,
  ) {
    this.#svg = svg('svg', { class: 'links', 'aria-hidden': 'true' });
    this.#body = el('div', { class: 'columns' });
    root.replaceChildren(this.#svg, this.#body);
    new ResizeObserver(() => {
      this.layoutLinks();
      this.#markOverflow();
    }).observe(root);
    root.addEventListener('scroll', () => this.#markOverflow(), { passive: true });
  }

  /** Rebuilds the columns for a network of `sizes` (inputs first) fed by `features`. */
  build(sizes: number[], features: Feature[], kind: string): void {
    const same = sizes.length === this.#sizes.length && sizes.every((s, i) => s === this.#sizes[i]);
    this.#sizes = sizes;
    this.#features = features;
    this.#kind = kind;
    if (!same) {
      this.#pages = sizes.map(() => 0);
      this.#selected = null;
    }
    this.#last = null;
    this.#columns = [];
    this.#body.replaceChildren();
    // Inputs: every feature, checkable; the active ones feed the first layer.
    const inputs = el('div', { class: 'column inputs' });
    inputs.append(el('h3', { class: 'column-title' }, 'Features'));
    const inCol: Column = { el: inputs, nodes: [], units: [], canvases: [] };
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
      const target: Target = { kind: 'feature', feature: f };
      label.addEventListener('pointerenter', () => this.events.onPreview('hover', target));
      label.addEventListener('pointerleave', () => this.events.onPreview('hover', null));
      box.addEventListener('focus', () => this.events.onPreview('focus', target));
      box.addEventListener('blur', () => this.events.onPreview('focus', null));
      if (!box.checked) label.classList.add('off');
      inputs.append(label);
      if (box.checked) {
        label.dataset.layer = '0';
        label.dataset.unit = String(inCol.nodes.length);
        inCol.units.push(inCol.nodes.length);
        inCol.nodes.push(label);
        inCol.canvases.push(canvas);
      }
    }
    this.#columns.push(inCol);
    this.#body.append(inputs);
    for (let l = 1; l < sizes.length; l++) this.#buildColumn(l);
    this.#makeLinks();
    this.#markSelected();
    this.#needsLayout = true;
    requestAnimationFrame(() => {
      this.layoutLinks();
      this.#markOverflow();
    });
  }

  #buildColumn(l: number): void {
    const isOutput = l === this.#sizes.length - 1;
    const units = this.#sizes[l]!;
    const kind = this.#kind;
    const col = el('div', { class: `column ${isOutput ? 'output' : 'hidden'}` });
    col.append(el('h3', { class: 'column-title' }, isOutput ? 'Output' : `Layer ${l}`));
    if (!isOutput) {
      const controls = el('div', { class: 'unit-controls' });
      const minus = el(
        'button',
        { class: 'small', type: 'button', 'aria-label': `Remove a neuron from layer ${l}` },
        '−',
      );
      minus.disabled = units <= 1;
      minus.addEventListener('click', () => this.events.onUnits(l - 1, -1));
      const plus = el('button', { class: 'small', type: 'button', 'aria-label': `Add a neuron to layer ${l}` }, '+');
      plus.addEventListener('click', () => this.events.onUnits(l - 1, +1));
      controls.append(minus, el('span', { class: 'unit-count' }, `${units}`), plus);
      col.append(controls);
    }
    const start = Math.min(this.#pages[l] ?? 0, Math.max(0, units - 1));
    const end = Math.min(units, start + PAGE);
    if (units > PAGE) col.append(this.#pager(l, start, end, units));
    const c: Column = { el: col, nodes: [], units: [], canvases: [] };
    for (let u = start; u < end; u++) {
      const node = el('button', { class: 'node neuron', type: 'button', 'aria-pressed': 'false' });
      node.dataset.layer = String(l);
      node.dataset.unit = String(u);
      node.setAttribute(
        'aria-label',
        isOutput ? `Output ${u + 1}${kind === 'multiclass' ? ` (class ${u})` : ''}` : `Layer ${l} neuron ${u + 1}`,
      );
      node.addEventListener('click', () => this.events.onSelect(l - 1, u));
      const target: Target = { kind: 'neuron', layer: l, unit: u };
      node.addEventListener('pointerenter', () => this.events.onPreview('hover', target));
      node.addEventListener('pointerleave', () => this.events.onPreview('hover', null));
      node.addEventListener('focus', () => this.events.onPreview('focus', target));
      node.addEventListener('blur', () => this.events.onPreview('focus', null));
      if (!isOutput) {
        const canvas = el('canvas', { class: 'thumb' });
        canvas.width = canvas.height = NEURON_GRID;
        node.append(canvas);
        c.canvases.push(canvas);
      } else node.append(el('span', { class: 'output-label' }, kind === 'multiclass' ? `class ${u}` : 'out'));
      node.append(el('span', { class: 'bias' }));
      c.units.push(u);
      c.nodes.push(node);
      col.append(node);
    }
    this.#columns.push(c);
    this.#body.append(col);
  }

  /** Previous/next buttons and "13–24 of 100" for a layer wider than a page. */
  #pager(l: number, start: number, end: number, units: number): HTMLElement {
    const name = l === this.#sizes.length - 1 ? 'outputs' : `layer ${l}`;
    const turn = (delta: number, testid: string) => {
      const to = start + delta * PAGE;
      const b = el(
        'button',
        {
          class: 'small',
          type: 'button',
          'data-testid': testid,
          'aria-label': `${delta < 0 ? 'Previous' : 'Next'} ${PAGE} units of ${name}`,
        },
        delta < 0 ? '‹' : '›',
      );
      b.disabled = to < 0 || to >= units;
      b.addEventListener('click', () => {
        this.#pages[l] = to;
        this.#rebuild();
        // Focus stays on the pager: this button, or the other one at the first or last page.
        const again = this.root.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
        const other = this.root.querySelector<HTMLButtonElement>(
          `[data-testid="units-${delta < 0 ? 'next' : 'prev'}-${l}"]`,
        );
        (again && !again.disabled ? again : other)?.focus();
      });
      return b;
    };
    return el(
      'div',
      { class: 'pager' },
      turn(-1, `units-prev-${l}`),
      el(
        'span',
        { class: 'page-label', 'data-testid': `units-page-${l}`, 'aria-live': 'polite' },
        `${start + 1}–${end} of ${units}`,
      ),
      turn(+1, `units-next-${l}`),
    );
  }

  /** Builds again with the same network (another page), and redraws the last frame. */
  #rebuild(): void {
    const last = this.#last;
    this.build(this.#sizes, this.#features, this.#kind);
    if (last) this.update(last.frame, last.discretize);
  }

  /** Shows the page of column `layer` holding `unit`. */
  reveal(layer: number, unit: number): void {
    const start = Math.floor(unit / PAGE) * PAGE;
    if (this.#sizes[layer] === undefined || this.#sizes[layer]! <= PAGE || this.#pages[layer] === start) return;
    this.#pages[layer] = start;
    this.#rebuild();
  }

  #makeLinks(): void {
    this.#svg.replaceChildren();
    this.#links = [];
    for (let l = 0; l + 1 < this.#columns.length; l++) {
      const from = this.#columns[l]!;
      const to = this.#columns[l + 1]!;
      for (let o = 0; o < to.nodes.length; o++) {
        for (let i = 0; i < from.nodes.length; i++) {
          const ref: LinkRef = { layer: l, out: to.units[o]!, in: from.units[i]! };
          const line = svg('line', { class: 'link' });
          // A wide transparent twin takes the pointer: the drawn line can be under a pixel wide.
          const hit = svg('line', { class: 'hit' });
          hit.addEventListener('pointerenter', () => this.events.onLinkHover(ref));
          hit.addEventListener('pointerleave', () => this.events.onLinkHover(null));
          hit.addEventListener('click', () => this.events.onLinkSelect(ref));
          this.#svg.append(line, hit);
          this.#links.push({ ...ref, line, hit, from: i, to: o });
        }
      }
    }
    this.highlightLink(this.#hot);
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
      const a = anchor(this.#columns[link.layer]!.nodes[link.from]!, true);
      const b = anchor(this.#columns[link.layer + 1]!.nodes[link.to]!, false);
      for (const line of [link.line, link.hit]) {
        line.setAttribute('x1', String(a[0]));
        line.setAttribute('y1', String(a[1]));
        line.setAttribute('x2', String(b[0]));
        line.setAttribute('y2', String(b[1]));
      }
    }
  }

  /** Marks the panel's neuron (weight layer `layer`, unit): aria-pressed and an outline. */
  select(layer: number | null, unit = 0): void {
    this.#selected = layer === null ? null : { layer: layer + 1, unit };
    this.#markSelected();
  }

  #markSelected(): void {
    const s = this.#selected;
    this.#columns.forEach((col, l) =>
      col.nodes.forEach((node, i) => {
        if (l === 0) return;
        const on = s !== null && s.layer === l && s.unit === col.units[i];
        node.classList.toggle('selected', on);
        node.setAttribute('aria-pressed', String(on));
      }),
    );
  }

  /** Emphasises one link (hovered, or its weight focused in the panel); null: none. */
  highlightLink(ref: LinkRef | null): void {
    this.#hot = ref;
    for (const link of this.#links) {
      const on = ref !== null && link.layer === ref.layer && link.out === ref.out && link.in === ref.in;
      link.line.classList.toggle('hot', on);
    }
  }

  update(frame: Frame, discretize: boolean): void {
    this.#last = { frame, discretize };
    if (this.#needsLayout) requestAnimationFrame(() => this.layoutLinks());
    this.#needsLayout = false;
    const deadSets = frame.dead.map((d) => new Set(d));
    for (let l = 1; l < this.#columns.length; l++) {
      const col = this.#columns[l]!;
      const acts = frame.neurons[l - 1];
      const units = this.#sizes[l]!;
      const b = frame.layers[l - 1]?.b;
      col.nodes.forEach((node, i) => {
        const u = col.units[i]!;
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
        col.canvases.forEach((c, i) =>
          paintActivations(c.getContext('2d')!, acts, NEURON_GRID, units, col.units[i]!, discretize),
        );
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

  /** "X₁", "layer 2 neuron 3", "output", "class 1 output": a node's name, column `layer`. */
  nodeName(layer: number, unit: number): string {
    if (layer === 0) return FEATURE_LABELS[this.#features[unit]!] ?? `input ${unit + 1}`;
    if (layer === this.#sizes.length - 1) return this.#kind === 'multiclass' ? `class ${unit} output` : 'output';
    return `layer ${layer} neuron ${unit + 1}`;
  }

  /** Marks the root's scroll box so the page can show a fade and a hint where layers are cut off. */
  #markOverflow(): void {
    const r = this.root;
    const box = r.parentElement;
    if (!box) return;
    const more = r.scrollWidth - r.clientWidth > 1;
    box.classList.toggle('more-right', more && r.scrollLeft + r.clientWidth < r.scrollWidth - 1);
    box.classList.toggle('more-left', more && r.scrollLeft > 1);
    box.classList.toggle('scrolls', more);
  }

  get features(): Feature[] {
    return this.#features;
  }
}
