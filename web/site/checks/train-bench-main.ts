// Runs the shared training benchmark on both binaries and prints the medians.
import { loadRelu } from 'relu-wasm';

import { formatTrainBench, runTrainBench } from '../../bench/train-bench.mjs';

const out = document.querySelector<HTMLElement>('[data-testid="train-bench-result"]')!;
const lines: string[] = [];
for (const simd of [true, false]) {
  const rw = await loadRelu({ simd });
  // Yield to the event loop between backends so the page can paint progress.
  await new Promise((r) => setTimeout(r, 0));
  lines.push(formatTrainBench(`chromium ${rw.backend}`, runTrainBench(rw)));
  out.textContent = lines.join('\n');
}
out.dataset.done = 'true';
