// What the article's widgets share beyond relu-wasm/ui: a labelled slider, and mounting a
// widget into (or reporting its failure in) its <figure>, which holds fallback text until then.
import { el } from 'relu-wasm/ui';

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
    type: 'range',
    id: opts.id,
    min: opts.min,
    max: opts.max,
    step: opts.step,
    value: opts.value,
    'data-testid': opts.testid,
  });
  const output = el('output', { for: opts.id, 'data-testid': `${opts.testid}-value` });
  const format = opts.format ?? String;
  const sync = () => {
    output.textContent = format(Number(input.value));
  };
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

/**
 * One run's card in the side-by-side demos: a heading, the run's boundary canvas, then its
 * hidden units and readouts.
 */
export function runCard(
  className: string,
  heading: HTMLElement,
  canvas: HTMLCanvasElement,
  ...body: Node[]
): HTMLDivElement {
  return el('div', { class: className }, heading, canvas, el('div', { class: 'card-body' }, ...body));
}

/** A table's header row: a <th scope="col"> per string; a cell given as an element goes in as it is. */
export function headRow(...cells: (string | HTMLTableCellElement)[]): HTMLTableSectionElement {
  return el(
    'thead',
    {},
    el('tr', {}, ...cells.map((c) => (typeof c === 'string' ? el('th', { scope: 'col' }, c) : c))),
  );
}
