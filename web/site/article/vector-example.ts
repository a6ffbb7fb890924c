// Section 2: the editable vector, recomputed by rw.relu on every keystroke. Bad entries are
// flagged (listed in the status line and marked in the token list), never fatal. Each keystroke
// parses the text once and makes one kernel call; only the first MAX_TOKENS entries are drawn
// as tokens, so a pasted list of 10 000 numbers stays responsive.
//
// data-testids (the first two are a contract with tests/e2e/example.spec.ts):
//   example-input    the text input (default "-2, -1, 0, 1, 2")
//   example-output   ReLU of the valid entries, e.g. "[0, 0, 0, 1, 2]"
//   example-tokens   one <li> per entry: "x → relu(x)", or data-bad="true" and "skipped";
//                    past MAX_TOKENS entries, a last <li> (example-more): "…and N more entries"
//   example-status   which entries were skipped and why (empty when all are numbers)
import type { ReluWasm } from 'relu-wasm';
import { el, formatFloat } from 'relu-wasm/ui';

import { parseVector } from '../parse-vector.js';

/** Entries drawn as tokens (drawing all of 10 000 took hundreds of ms per keystroke). */
const MAX_TOKENS = 100;
/** Skipped entries named in the status line; the rest are counted. */
const MAX_NAMED_BAD = 10;

/** A skipped entry as shown: a pasted blob of thousands of characters is cut. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function mountVectorExample(rw: ReluWasm): void {
  const input = document.querySelector<HTMLInputElement>('#example-input')!;
  const output = document.querySelector<HTMLOutputElement>('#example-output')!;
  const tokens = document.querySelector<HTMLOListElement>('[data-testid="example-tokens"]')!;
  const status = document.querySelector<HTMLElement>('#example-status')!;

  const update = (): void => {
    const { values, bad, order } = parseVector(input.value);
    const y = rw.relu(values);
    output.textContent = `[${Array.from(y, formatFloat).join(', ')}]`;

    // The token list interleaves good and bad entries in the reader's order.
    const shown = Math.min(order.length, MAX_TOKENS);
    const items: HTMLElement[] = [];
    let nextBad = 0;
    for (let position = 0; position < shown; position++) {
      const i = order[position]!;
      if (i < 0) {
        const text = clip(bad[nextBad++]!.text);
        items.push(
          el(
            'li',
            { class: 'token bad', 'data-bad': 'true' },
            el('span', { class: 'in' }, text),
            el('span', { class: 'out' }, 'not a number: skipped'),
          ),
        );
      } else {
        items.push(
          el(
            'li',
            { class: 'token' },
            el('span', { class: 'in' }, formatFloat(Math.fround(values[i]!))),
            el('span', { class: 'out' }, `→ ${formatFloat(y[i]!)}`),
          ),
        );
      }
    }
    if (order.length > shown) {
      const rest = order.length - shown;
      items.push(
        el(
          'li',
          { class: 'token more', 'data-testid': 'example-more' },
          `…and ${rest.toLocaleString('en')} more ${rest === 1 ? 'entry' : 'entries'}`,
        ),
      );
    }
    tokens.replaceChildren(...items);

    input.setAttribute('aria-invalid', String(bad.length > 0));
    const named = bad.slice(0, MAX_NAMED_BAD).map((b) => `#${b.position} "${clip(b.text)}"`);
    if (bad.length > MAX_NAMED_BAD) named.push(`and ${(bad.length - MAX_NAMED_BAD).toLocaleString('en')} more`);
    status.textContent =
      bad.length === 0
        ? ''
        : `Skipped ${bad.length === 1 ? 'an entry that is' : `${bad.length.toLocaleString('en')} entries that are`} not a number: ` +
          named.join(', ');
  };
  input.addEventListener('input', update);
  update();
}
