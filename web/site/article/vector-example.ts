// Section 2: the editable vector, recomputed by rw.relu on every keystroke. Bad entries are
// flagged (listed in the status line and marked in the token list), never fatal.
//
// data-testids (the first two are a contract with tests/e2e/example.spec.ts):
//   example-input    the text input (default "-2, -1, 0, 1, 2")
//   example-output   ReLU of the valid entries, e.g. "[0, 0, 0, 1, 2]"
//   example-tokens   one <li> per entry: "x → relu(x)", or data-bad="true" and "skipped"
//   example-status   which entries were skipped and why (empty when all are numbers)
import type { ReluWasm } from 'relu-wasm';
import { el, formatFloat } from 'relu-wasm/ui';

import { parseVector } from '../parse-vector.js';

export function mountVectorExample(rw: ReluWasm): void {
  const input = document.querySelector<HTMLInputElement>('#example-input')!;
  const output = document.querySelector<HTMLOutputElement>('#example-output')!;
  const tokens = document.querySelector<HTMLOListElement>('[data-testid="example-tokens"]')!;
  const status = document.querySelector<HTMLElement>('#example-status')!;

  const update = (): void => {
    const { values, bad } = parseVector(input.value);
    const y = rw.relu(values);
    output.textContent = `[${Array.from(y, formatFloat).join(', ')}]`;

    // The token list interleaves good and bad entries in the reader's order.
    const badAt = new Map(bad.map((b) => [b.position, b.text]));
    const items: HTMLElement[] = [];
    let next = 0;
    for (let position = 1; position <= values.length + bad.length; position++) {
      const text = badAt.get(position);
      if (text !== undefined) {
        items.push(el('li', { class: 'token bad', 'data-bad': 'true' }, el('span', { class: 'in' }, text), el('span', { class: 'out' }, 'not a number: skipped')));
      } else {
        const i = next++;
        items.push(el('li', { class: 'token' }, el('span', { class: 'in' }, formatFloat(Math.fround(values[i]!))), el('span', { class: 'out' }, `→ ${formatFloat(y[i]!)}`)));
      }
    }
    tokens.replaceChildren(...items);

    input.setAttribute('aria-invalid', String(bad.length > 0));
    status.textContent =
      bad.length === 0
        ? ''
        : `Skipped ${bad.length === 1 ? 'an entry that is' : `${bad.length} entries that are`} not a number: ` +
          bad.map((b) => `#${b.position} "${b.text}"`).join(', ');
  };
  input.addEventListener('input', update);
  update();
}
