// Small DOM builders for the elements. Text goes in through textContent only (never innerHTML),
// and nothing sets a style attribute, so the elements run under a strict style-src CSP.
type Attrs = Record<string, string | number | boolean | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

export function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('style attributes are not allowed (strict CSP)');
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

/** A number as a reader wants it: at most 4 significant digits, no "-0". */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  return String(Number(v.toPrecision(4)) + 0);
}

/**
 * HTMLElement, or a stand-in outside browsers, so importing the elements in Node (server-side
 * rendering, tests, a bundler's pre-pass) does not throw; register.ts defines them only where
 * `customElements` exists.
 */
export const ElementBase: typeof HTMLElement = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/** Fires a bubbling, composed CustomEvent (it crosses the shadow boundary to the page). */
export function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
