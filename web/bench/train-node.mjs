// npm run bench:train:node — training throughput in Node, SIMD and scalar side by side.
import { loadRelu } from 'relu-wasm';

import { formatTrainBench, runTrainBench } from './train-bench.mjs';

for (const simd of [true, false]) {
  const rw = await loadRelu({ simd });
  console.log(formatTrainBench(`node ${rw.backend}`, runTrainBench(rw)));
}
