// Small DOM builders for the widgets. Text goes in through textContent only (never innerHTML),
// and nothing sets a style attribute, so the page runs under a strict style-src CSP.
type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('style attributes are not allowed (strict CSP)');
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

/** A labelled range input with its live value, as a real <input type="range">. */
export function slider(opts: {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  testid: string;
  format?: (v: number) => string;
}): { root: HTMLElement; input: HTMLInputElement; output: HTMLOutputElement } {
  const input = el('input', {
    type: 'range', id: opts.id, min: opts.min, max: opts.max, step: opts.step, value: opts.value,
    'data-testid': opts.testid,
  });
  const output = el('output', { for: opts.id, 'data-testid': `${opts.testid}-value` });
  const format = opts.format ?? String;
  const sync = () => { output.textContent = format(Number(input.value)); };
  input.addEventListener('input', sync);
  sync();
  const root = el('div', { class: 'control' }, el('label', { for: opts.id }, opts.label), input, output);
  return { root, input, output };
}

/** Replaces a widget's fallback text with `content`. */
export function mountInto(root: HTMLElement, ...content: Node[]): void {
  root.querySelector('.widget-fallback')?.remove();
  root.append(...content);
}

/** Shows why a widget cannot run, in place of its content. */
export function showWidgetError(root: HTMLElement, message: string): void {
  root.replaceChildren(el('p', { class: 'widget-error', role: 'alert' }, message));
}
