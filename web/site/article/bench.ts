// Section 4: the live benchmark. It runs the shared harness in a worker (bench-worker.ts),
// shows progress, then a chart and a table. "Quick run" (or ?bench=quick in the URL) uses two
// small sizes and short samples, for a fast look and for the tests.
//
// data-testids:
//   bench-run       button: the full run (4 sizes up to 16 MB, ~15 s)
//   bench-quick     button: the quick run (2 small sizes, under a second or two)
//   bench-progress  <progress> (value = cells done, max = cells)
//   bench-status    text: what is being measured, then a summary ("Done: 12 measurements ...")
//   bench-chart     the bar chart (SVG), after a run
//   bench-table     the numbers, after a run: each cell the median and (slowest–fastest) round,
//                   with data-median, data-min, data-max in GB/s; in a sideways scroller
//                   (bench-table-scroll)
//   bench-whisker   the chart's range marks, one per bar
//   bench-backend   the backend the rest of the page uses
import type { ReluWasm } from 'relu-wasm';
import { el, fixed } from 'relu-wasm/ui';

import { KERNEL_SIZES, type BenchRow } from '../../bench/kernel-bench.mjs';
import { benchChart, benchTable, spreadText, variantName } from './bench-chart.js';
import type { BenchMessage, BenchRequest } from './bench-worker.js';
import { scrollBox } from './scroll-box.js';
import { mountInto } from './widget.js';

export const FULL_RUN: BenchRequest = { sizes: [...KERNEL_SIZES], minSampleMs: 40, samples: 5 };
export const QUICK_RUN: BenchRequest = { sizes: [1024, 16 * 1024], minSampleMs: 8, samples: 3 };

export function mountBench(root: HTMLElement, rw: ReluWasm): void {
  const quickByDefault = new URLSearchParams(location.search).get('bench') === 'quick';
  const run = el('button', { type: 'button', class: 'primary', 'data-testid': 'bench-run' }, 'Run the benchmark');
  const quick = el('button', { type: 'button', 'data-testid': 'bench-quick' }, 'Quick run');
  const progress = el('progress', {
    max: 1,
    value: 0,
    'data-testid': 'bench-progress',
    'aria-label': 'Benchmark progress',
  });
  const status = el('p', { class: 'bench-status', role: 'status', 'data-testid': 'bench-status' }, 'Not run yet.');
  const results = el('div', { class: 'bench-results' });
  const backend = el('output', { 'data-testid': 'bench-backend' }, rw.backend);

  let worker: Worker | undefined;
  const start = (request: BenchRequest): void => {
    worker?.terminate();
    worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
    run.disabled = quick.disabled = true;
    root.dataset.state = 'running';
    progress.value = 0;
    status.textContent = 'Loading both WebAssembly builds in a worker…';
    worker.onmessage = (event: MessageEvent<BenchMessage>) => {
      const m = event.data;
      if (m.type === 'progress') {
        progress.max = m.total;
        progress.value = m.done;
        if (m.current) status.textContent = `Measuring ${m.current} (${m.done + 1} of ${m.total})…`;
        return;
      }
      run.disabled = quick.disabled = false;
      worker?.terminate();
      worker = undefined;
      if (m.type === 'error') {
        root.dataset.state = 'error';
        status.textContent = `The benchmark failed: ${m.message}`;
        return;
      }
      root.dataset.state = 'done';
      const largest = Math.max(...m.rows.map((r) => r.n));
      const at = (id: string) => m.rows.find((r) => r.n === largest && r.id === id);
      const js = at('js');
      const simd = at('wasm-simd-zero-copy');
      const limit = at('wasm-copy-loop');
      const ok = (r: BenchRow | undefined): r is BenchRow => r !== undefined && r.ok && Number.isFinite(r.gbps);
      const speedup = ok(simd)
        ? ` At ${largest.toLocaleString('en-US')} floats, ${variantName(simd.id).name} runs at ${fixed(simd.gbps, 1)} GB/s (rounds ${spreadText(simd) || 'not spread'})` +
          (ok(limit) ? `, ${fixed(simd.gbps / limit.gbps, 2)}× the v128 copy loop` : '') +
          (ok(js) ? `, ${fixed(simd.gbps / js.gbps, 1)}× plain JavaScript` : '') +
          ' (medians).'
        : '';
      const wrong = m.rows.filter((r) => !r.ok).length;
      status.textContent =
        `Done: ${m.rows.length} measurements.${speedup}` +
        (wrong > 0
          ? ` ${wrong} gave a wrong result and were not ranked.`
          : ' Every output was checked against a reference.') +
        (m.skipped.length > 0 ? ` Skipped: ${m.skipped.join('; ')}.` : '');
      results.replaceChildren(
        benchChart(m.rows),
        scrollBox(benchTable(m.rows), 'Benchmark results table', 'bench-table-scroll'),
      );
    };
    worker.onerror = (event) => {
      run.disabled = quick.disabled = false;
      root.dataset.state = 'error';
      status.textContent = `The benchmark worker failed: ${event.message || 'unknown error'}`;
    };
    worker.postMessage(request);
  };
  run.addEventListener('click', () => start(quickByDefault ? QUICK_RUN : FULL_RUN));
  quick.addEventListener('click', () => start(QUICK_RUN));

  mountInto(
    root,
    el('div', { class: 'controls' }, run, quick, el('span', { class: 'badge-inline' }, 'page backend: ', backend)),
    progress,
    status,
    results,
    el(
      'figcaption',
      {},
      "ReLU on arrays of several sizes, in GB/s (input read plus output written). Each bar is the median of several timed rounds, in which every variant of a size takes its turn, and the whisker spans the slowest to the fastest round. Every variant's output is checked bit for bit against a plain reference first, so a wrong fast kernel cannot win.",
    ),
  );
}
