/// <reference types="vite/client" />
// The live benchmark's worker: loads both relu-wasm binaries and the benchmark-only module's
// copy yardsticks, and runs the shared kernel harness (web/bench/kernel-bench.mjs) off the
// main thread, reporting progress as it goes.
import { loadRelu, type ReluWasm } from 'relu-wasm';

// The benchmark-only module (cpp/bench/wasm, built by `npm run build:wasm`; shipped with the
// site, never in the package): a v128 load/store copy loop, the fastest copy WebAssembly code
// can write (the reachable limit), and the engine's memory.copy instruction.
import benchKernelsUrl from '../../../build/wasm/bench/relu-bench-kernels.wasm?url&no-inline';
import { loadBenchKernels } from '../../bench/bench-kernels.mjs';
import {
  reluForwardVariants,
  runKernelBench,
  yardstickVariants,
  type BenchVariant,
} from '../../bench/kernel-bench.mjs';

/** The yardsticks the article shows, in this order. */
export const YARDSTICKS = ['wasm-copy-loop', 'wasm-memory-copy'];

export interface BenchRequest {
  sizes: number[];
  minSampleMs: number;
  samples: number;
}
export type BenchMessage =
  | { type: 'progress'; done: number; total: number; current: string }
  | { type: 'result'; rows: import('../../bench/kernel-bench.mjs').BenchRow[]; skipped: string[] }
  | { type: 'error'; message: string };

const post = (m: BenchMessage): void => self.postMessage(m);

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  try {
    const instances: { label: string; rw: ReluWasm }[] = [];
    const skipped: string[] = [];
    for (const [simd, label] of [
      [true, 'WASM SIMD'],
      [false, 'WASM scalar'],
    ] as const) {
      try {
        instances.push({ label, rw: await loadRelu({ simd }) });
      } catch (error) {
        skipped.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    let yardsticks: BenchVariant[] = [];
    try {
      const bench = await loadBenchKernels(await (await fetch(benchKernelsUrl)).arrayBuffer());
      const all = yardstickVariants(bench);
      yardsticks = YARDSTICKS.map((id) => all.find((v) => v.id === id)!);
    } catch (error) {
      skipped.push(`the copy yardsticks: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { sizes, minSampleMs, samples } = event.data;
    const rows = await runKernelBench({
      variants: [...yardsticks, ...reluForwardVariants(instances)],
      sizes,
      minSampleMs,
      samples,
      // All variants of one size sampled in rounds, side by side in time: each row's spread
      // (slowest and fastest round) covers the same stretch as every other row's.
      interleave: true,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'result', rows, skipped });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
