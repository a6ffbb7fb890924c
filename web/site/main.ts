// The page's wiring: load relu-wasm, then recompute the example on every keystroke.
import { loadRelu } from 'relu-wasm';

import { formatFloat, parseVector } from './parse-vector.js';

const input = document.querySelector<HTMLInputElement>('#example-input')!;
const output = document.querySelector<HTMLOutputElement>('#example-output')!;
const status = document.querySelector<HTMLElement>('#example-status')!;
const backend = document.querySelector<HTMLOutputElement>('#backend')!;

try {
  const rw = await loadRelu({ simd: 'auto' });
  backend.textContent = rw.backend;

  const update = (): void => {
    const { values, bad } = parseVector(input.value);
    const y = rw.relu(values);
    output.textContent = `[${Array.from(y, formatFloat).join(', ')}]`;
    input.setAttribute('aria-invalid', String(bad.length > 0));
    status.textContent =
      bad.length === 0
        ? ''
        : `Skipped ${bad.length === 1 ? 'an entry that is' : `${bad.length} entries that are`} not a number: ` +
          bad.map((b) => `#${b.position} "${b.text}"`).join(', ');
  };
  input.addEventListener('input', update);
  update();
} catch (error) {
  backend.textContent = 'unavailable';
  status.textContent = `relu-wasm could not start: ${error instanceof Error ? error.message : String(error)}`;
  status.classList.add('error');
}
