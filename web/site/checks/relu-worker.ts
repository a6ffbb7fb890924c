// Loads relu-wasm inside a module worker and answers with the source example's ReLU.
import { loadRelu } from 'relu-wasm';

const rw = await loadRelu();
self.postMessage({ backend: rw.backend, output: Array.from(rw.relu([-2, -1, 0, 1, 2])) });
