// Time from navigation start to the first ReLU result (issue 6: within 150 ms).
import { loadRelu } from 'relu-wasm';

const out = document.querySelector<HTMLElement>('[data-testid="bench-load-result"]')!;
const rw = await loadRelu();
const y = rw.relu([-1, 0, 2]);
const ms = performance.now();
const ok = y[0] === 0 && y[2] === 2;
out.textContent = `${ms.toFixed(1)} ms (${rw.backend}, relu([-1, 0, 2]) = [${Array.from(y).join(', ')}])`;
out.dataset.ms = String(ms);
out.dataset.ok = String(ok);
// The benchmark runner waits for this message instead of polling the page, so that its own
// scripts do not run on the page's main thread while the load is being timed.
console.log(`bench-load ${JSON.stringify({ ms, ok })}`);
