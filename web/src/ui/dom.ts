// A tiny DOM builder. Text goes in through text nodes only (never innerHTML), and a `style`
// attribute is refused, so whatever is built with it runs under a strict style-src CSP.

/** Attribute values; `false` and `undefined` leave the attribute out, `true` sets it empty. */
export type Attrs = Record<string, string | number | boolean | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes and children. */
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

/** An SVG element with attributes and children. */
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

/** Sets attributes as {@link el} does; throws on `style` (a strict CSP would block it). */
export function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('style attributes are not allowed (strict CSP)');
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * A definition list of readouts, `<dl class="stats">`: one `<dt>` label and one `<dd>` per
 * entry, the `<dd>` holding the entry's content (often an output element updated live).
 */
export function statList(
  entries: ReadonlyArray<readonly [label: string, ...content: (Node | string)[]]>,
  attrs: Attrs = {},
): HTMLDListElement {
  const list = el('dl', { class: 'stats', ...attrs });
  for (const [label, ...content] of entries) list.append(el('dt', {}, label), el('dd', {}, ...content));
  return list;
}
