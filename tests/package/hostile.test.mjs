// The second hostile round (issue 12), package side, on both binaries: a kept view outlives
// its buffer, a foreign WASM file, detached arrays, views whose memory the call itself grows,
// methods taken off their instance.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { ReluLoadError, loadRelu } from 'relu-wasm';

import { BACKENDS } from './helpers.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const collect = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    // Finalization callbacks run in a later task.
    await new Promise((r) => setTimeout(r, 10));
  }
};

const dir = mkdtempSync(join(tmpdir(), 'relu-wasm-hostile-'));
// The smallest valid module: magic and version, nothing else. It compiles and instantiates.
const EMPTY = join(dir, 'empty.wasm');
writeFileSync(EMPTY, Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
// A module that exports a memory and a table (what the glue reads first) and nothing else.
const HOLLOW = join(dir, 'hollow.wasm');
writeFileSync(
  HOLLOW,
  Uint8Array.of(
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x04, 0x04, 0x01, 0x70, 0x00, 0x01], // table section: one funcref table, min 1
    ...[0x05, 0x03, 0x01, 0x00, 0x01], // memory section: one memory, min 1 page
    ...[0x07, 0x09, 0x02, 0x01, 0x51, 0x02, 0x00, 0x01, 0x79, 0x01, 0x00], // exports "Q" memory, "y" table
  ),
);

const example = (rw) => Array.from(rw.relu([-2, -1, 0, 1, 2]));

/** Allocates until the memory grows (which detaches every earlier view); returns the buffers. */
function growMemory(rw) {
  const start = rw.memoryBytes();
  const buffers = [];
  while (rw.memoryBytes() === start) buffers.push(rw.alloc(2 ** 24)); // 64 MiB each
  return buffers;
}

for (const { name, options } of BACKENDS) {
  describe(`${name}: hostile`, async () => {
    const rw = await loadRelu(options);

    for (const [what, file] of [
      ['the 8-byte empty module', EMPTY],
      ['a module with only a memory and a table', HOLLOW],
    ]) {
      test(`${what} under the binary's name rejects with a ReluLoadError, and loading still works`, async () => {
        await assert.rejects(
          loadRelu({ ...options, wasmPaths: { simd: file, scalar: file } }),
          (e) =>
            e instanceof ReluLoadError &&
            e.reason === 'instantiate-failed' &&
            /not this version's relu-wasm binary/.test(e.message),
        );
        assert.deepEqual(example(await loadRelu(options)), [0, 0, 0, 1, 2]);
      });
    }

    test('a kept view keeps its buffer: the block is not reused while the view is reachable', async () => {
      const kept = rw.alloc(1024).view();
      kept.fill(7);
      await collect();
      const others = Array.from({ length: 8 }, () => rw.alloc(1024));
      for (const b of others) b.set(new Float32Array(1024).fill(-3));
      assert.ok(
        kept.every((v) => v === 7),
        'the kept view still reads its own values',
      );
      kept.fill(9);
      for (const b of others)
        assert.ok(
          b.view().every((v) => v === -3),
          'writes through the kept view stay in its block',
        );
      for (const b of others) b.dispose();
    });

    test('once the buffer and its views are gone, the block is reclaimed', async () => {
      const start = rw.memoryBytes();
      for (let i = 0; i < 200; i++) {
        const view = rw.alloc(2 ** 18).view(); // 1 MiB
        view.fill(1);
        if (i % 10 === 9) await collect();
      }
      const grown = (rw.memoryBytes() - start) / 2 ** 20;
      assert.ok(grown < 64, `memory grew by ${grown} MiB`);
    });

    test('view() returns the same view until memory growth detaches it, then a live one', () => {
      const b = rw.alloc(4);
      const v1 = b.view();
      assert.equal(b.view(), v1);
      const grown = growMemory(rw);
      const v2 = b.view();
      assert.equal(v1.length, 0, 'the old view is detached');
      assert.equal(v2.length, 4);
      for (const g of grown) g.dispose();
      b.dispose();
    });

    test('a detached Float32Array as input or out is a TypeError naming the argument', () => {
      const b = rw.alloc(8);
      const stale = b.view();
      const grown = growMemory(rw);
      const cases = [
        ['x', () => rw.relu(stale)],
        ['out', () => rw.relu([1, 2, 3, 4, 5, 6, 7, 8], stale)],
        ['dy', () => rw.reluBackward(new Float32Array(8), stale)],
        ['options.out', () => rw.reluBackward(new Float32Array(8), new Float32Array(8), { out: stale })],
        ['x', () => rw.leakyRelu(stale, 0.1)],
        ['src', () => b.set(stale)],
      ];
      for (const [arg, call] of cases) {
        assert.throws(
          call,
          (e) => e instanceof TypeError && e.message.startsWith(`${arg} is a Float32Array whose memory is detached`),
          arg,
        );
      }
      const transferred = new Float32Array(4);
      structuredClone(transferred.buffer, { transfer: [transferred.buffer] });
      assert.throws(
        () => rw.relu(transferred),
        (e) => e instanceof TypeError && /^x is a Float32Array whose memory is detached/.test(e.message),
      );
      const net = rw.createMLP({ sizes: [2, 1] });
      assert.throws(
        () => net.predict(transferred),
        (e) => e instanceof TypeError && /^X is a Float32Array/.test(e.message),
      );
      const labels = new Int32Array(2);
      structuredClone(labels.buffer, { transfer: [labels.buffer] });
      assert.throws(
        () => net.trainStep([1, 2], labels),
        (e) => e instanceof TypeError && /^Y is a Int32Array whose memory is detached/.test(e.message),
      );
      assert.deepEqual(example(rw), [0, 0, 0, 1, 2]);
      for (const g of grown) g.dispose();
      b.dispose();
      net.dispose();
    });

    test('a view that is valid at call time works even when the call grows the memory', async () => {
      const fresh = await loadRelu(options); // a small memory, so the scratch area must grow it
      const n = 2 ** 22; // 16 MiB, more than the fresh instance has free
      const x = fresh.alloc(n);
      const view = x.view();
      for (let i = 0; i < n; i += 4096) view[i] = i % 8192 === 0 ? -i : i;
      const before = fresh.memoryBytes();
      const y = fresh.relu(x.view());
      assert.ok(fresh.memoryBytes() > before, 'the call grew the memory');
      assert.equal(y[4096], 4096);
      assert.equal(y[8192], 0);
      const dy = fresh.alloc(n);
      const out = fresh.alloc(n);
      const dx = fresh.reluBackward(x.view(), dy.view(), { out: out.view() });
      assert.equal(dx.length, n, 'returns the live view of out');
      const net = fresh.createMLP({ sizes: [2, 1], loss: 'mse' });
      const rows = fresh.alloc(2 ** 22);
      assert.equal(net.predict(rows.view()).length, 2 ** 21);
    });

    test('methods taken off their instance work', () => {
      const { relu, reluBackward, alloc, createMLP, reluInto } = rw;
      assert.deepEqual(Array.from(relu([-1, 1])), [0, 1]);
      assert.deepEqual(Array.from(reluBackward([-1, 1], [5, 5])), [0, 5]);
      const b = alloc(2);
      const { set, view, dispose } = b;
      set([-4, 4]);
      reluInto(b, b);
      assert.deepEqual(Array.from(view()), [0, 4]);
      dispose();
      const { trainStep, predict } = createMLP({ sizes: [2, 1] });
      assert.equal(typeof trainStep([1, 2], [1]), 'number');
      assert.equal(predict([1, 2]).length, 1);
    });
  });
}
