// Forgotten dispose(): buffers and networks that become garbage are freed by the
// FinalizationRegistry, so WASM memory stays bounded instead of growing with every leak.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadRelu } from 'relu-wasm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const collect = async () => {
  gc();
  // Finalization callbacks run in a later task.
  await new Promise((r) => setTimeout(r, 10));
  gc();
  await new Promise((r) => setTimeout(r, 10));
};

test('undisposed buffers are reclaimed', async () => {
  const rw = await loadRelu();
  const MiB = 2 ** 20;
  const start = rw.memoryBytes();
  for (let i = 0; i < 300; i++) {
    rw.alloc(MiB / 4)
      .view()
      .fill(1); // 1 MiB each, never disposed
    if (i % 10 === 9) await collect();
  }
  const grown = (rw.memoryBytes() - start) / MiB;
  console.log(`300 MiB of forgotten buffers: WASM memory grew by ${grown.toFixed(0)} MiB`);
  assert.ok(grown < 64, `memory grew by ${grown} MiB`);
});

test('undisposed networks are reclaimed', async () => {
  const rw = await loadRelu();
  const start = rw.memoryBytes();
  const X = new Float32Array(64 * 2).fill(0.5);
  const Y = new Float32Array(64);
  for (let i = 0; i < 2000; i++) {
    // ~40k parameters plus workspace: about 0.7 MiB per network, never disposed.
    rw.createMLP({ sizes: [2, 200, 200, 1], seed: i }).train(X, Y, { batchSize: 64 });
    if (i % 50 === 49) await collect();
  }
  const grown = (rw.memoryBytes() - start) / 2 ** 20;
  console.log(`2000 forgotten networks: WASM memory grew by ${grown.toFixed(0)} MiB`);
  assert.ok(grown < 128, `memory grew by ${grown} MiB`);
});
