// The kernel benchmark harness, shared by `npm run bench` (headless Chromium) and the
// article's live benchmark: every variant computes ReLU forward over the same input, is
// timed as the median of several samples of at least `minSampleMs`, and has its output
// checked against a plain reference, so a wrong fast kernel cannot win.
//
// A variant is { id, label, bytesPerElement, setup(n) -> { run(), check() -> boolean, dispose() } }.

/** Sizes the benchmark reports, in float32 elements. */
export const KERNEL_SIZES = [1024, 16 * 1024, 256 * 1024, 4 * 1024 * 1024];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now();

// The sampling policy, shared by the synchronous and the asynchronous timers.
/** Repetitions to try next when `reps` took `ms`, short of `minSampleMs`. */
const moreReps = (reps, ms, minSampleMs) => (ms < 1 ? reps * 8 : Math.ceil((reps * minSampleMs * 1.1) / ms));
/**
 * A calibration taken during a hiccup can leave samples far shorter than asked (even 0 on a
 * coarse timer): such a sample is retaken with twice the repetitions.
 */
const tooShort = (ms, minSampleMs) => ms < minSampleMs / 2;

/** Repetitions of `run` that make one sample last at least `minSampleMs`. */
function calibrate(run, minSampleMs) {
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < reps; i++) run();
    const ms = now() - t0;
    if (ms >= minSampleMs) return reps;
    reps = moreReps(reps, ms, minSampleMs);
  }
}

/** One sample: seconds per call over `timer.reps` calls (grows reps and retries short samples). */
function sample(run, timer, minSampleMs) {
  for (;;) {
    const t0 = now();
    for (let i = 0; i < timer.reps; i++) run();
    const ms = now() - t0;
    if (!tooShort(ms, minSampleMs)) return ms / 1000 / timer.reps;
    timer.reps *= 2;
  }
}

/** Median seconds per call of `run`, over `samples` samples of at least `minSampleMs` each. */
export function timeCall(run, { minSampleMs = 50, samples = 7 } = {}) {
  const timer = { reps: calibrate(run, minSampleMs) };
  const perCall = [];
  while (perCall.length < samples) perCall.push(sample(run, timer, minSampleMs));
  return median(perCall);
}

/** Like timeCall, for a `run` that returns a promise (TF.js layers' model.fit). */
export async function timeCallAsync(run, { minSampleMs = 50, samples = 7 } = {}) {
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < reps; i++) await run();
    const ms = now() - t0;
    if (ms >= minSampleMs) break;
    reps = moreReps(reps, ms, minSampleMs);
  }
  const perCall = [];
  while (perCall.length < samples) {
    const t0 = now();
    for (let i = 0; i < reps; i++) await run();
    const ms = now() - t0;
    if (tooShort(ms, minSampleMs)) reps *= 2;
    else perCall.push(ms / 1000 / reps);
  }
  return median(perCall);
}

/** A repeatable input of n floats in [-2, 2) (shared with the TF.js variants). */
export function input(n, seed = 12345) {
  // A repeatable mix of signs (and a few zeros), so no branch predictor gets a free ride.
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = ((s >>> 8) / 16777216 - 0.5) * 4;
  }
  return x;
}

export function reluReference(x) {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] < 0 ? 0 : x[i];
  return y;
}

/** dx = x <= 0 ? 0 : dy (the default gradient convention, docs/numerics.md). */
export function reluBackwardReference(x, dy) {
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) dx[i] = x[i] <= 0 ? 0 : dy[i];
  return dx;
}

export function sameBits(a, b) {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (ua.length !== ub.length) return false;
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
}

/** A benchmark variant: setup(n) returns the cell { run, check, dispose } for n elements. */
export const variant = (id, label, bytesPerElement, setup) => ({ id, label, bytesPerElement, setup });

/** The backward inputs for n elements: x, and dy from another seed. */
export const backwardInputs = (n) => ({ x: input(n), dy: input(n, 777) });

/** rw.alloc(n) buffers, one per source (copied in; null leaves the buffer as allocated), and a dispose for all. */
function wasmBuffers(rw, n, ...sources) {
  const buffers = sources.map((src) => {
    const b = rw.alloc(n);
    if (src) b.set(src);
    return b;
  });
  return { buffers, dispose: () => buffers.forEach((b) => b.dispose()) };
}

/**
 * The standard ReLU-forward variants: the memory-copy baseline, plain JavaScript, and each
 * given relu-wasm instance through the zero-copy and the copying API.
 * @param {{ label: string, rw: import('relu-wasm').ReluWasm }[]} instances
 */
export function reluForwardVariants(instances) {
  const variants = [
    variant('copy', 'memory copy (TypedArray.set)', 8, (n) => {
      const x = input(n);
      const y = new Float32Array(n);
      return { run: () => y.set(x), check: () => sameBits(x, y), dispose() {} };
    }),
    variant('js', 'plain JavaScript loop', 8, (n) => {
      const x = input(n);
      const y = new Float32Array(n);
      const run = () => {
        for (let i = 0; i < n; i++) {
          const v = x[i];
          y[i] = v < 0 ? 0 : v;
        }
      };
      return { run, check: () => sameBits(y, reluReference(x)), dispose() {} };
    }),
  ];
  for (const { label, rw } of instances) {
    variants.push(
      variant(`${rw.backend}-zero-copy`, `${label}, zero-copy (reluInto)`, 8, (n) => {
        const src = input(n);
        const {
          buffers: [x, y],
          dispose,
        } = wasmBuffers(rw, n, src, null);
        return { run: () => rw.reluInto(x, y), check: () => sameBits(y.view(), reluReference(src)), dispose };
      }),
      variant(`${rw.backend}-copying`, `${label}, copying (relu)`, 8, (n) => {
        const x = input(n);
        const y = new Float32Array(n);
        return { run: () => rw.relu(x, y), check: () => sameBits(y, reluReference(x)), dispose() {} };
      }),
    );
  }
  return variants;
}

/**
 * The yardsticks, from the benchmark-only module (web/bench/bench-kernels.mjs): a v128
 * load/store copy loop shaped like the forward kernel (the copy limit every ratio is taken
 * against), the engine's `memory.copy` instruction, and the plainest SIMD ReLU forward and
 * backward kernels (four vectors per iteration, 64-byte-aligned buffers), the reference each
 * package kernel is judged against. All are raw exports called like the package's zero-copy
 * kernels, so call overhead counts alike.
 * @param {import('./bench-kernels.mjs').BenchKernels} bench
 */
export function yardstickVariants(bench) {
  const e = bench.exports;
  const unary = (id, label, fn, reference, placement) => ({
    id,
    label,
    bytesPerElement: 8,
    setup(n) {
      const x = bench.alloc(n, placement);
      const y = bench.alloc(n, placement);
      const src = input(n);
      bench.f32(x, n).set(src);
      const want = reference(src);
      return {
        run: () => fn(x, y, n),
        check: () => sameBits(bench.f32(y, n), want),
        dispose: () => {
          bench.release();
          bench.release();
        },
      };
    },
  });
  return [
    unary('wasm-copy-loop', 'WASM v128 load/store copy loop', e.f32_vcopy__wasmsimd_u32, (x) => x),
    unary('wasm-memory-copy', 'WASM memory.copy instruction', e.f32_vcopy__memory_copy, (x) => x),
    // The same instruction with the buffers 8 bytes apart modulo 4 KiB, as rw.alloc() placed
    // them before: what the old "memory.copy" row measured (docs/benchmarks.md).
    unary(
      'wasm-memory-copy-emmalloc',
      'WASM memory.copy, buffers as emmalloc places them',
      e.f32_vcopy__memory_copy,
      (x) => x,
      { emmalloc: true },
    ),
    unary('ref-forward', 'plain WASM SIMD reference, forward', e.f32_vrelu__wasmsimd_ref_u4, reluReference),
    backward('ref-backward', 'plain WASM SIMD reference, backward', e.f32_vrelu_backward__wasmsimd_ref_u4),
    // relu-wasm's own backward kernel, compiled into the bench module, in three layouts: what
    // the buffers' placement alone is worth (docs/benchmarks.md).
    backward(
      'pkg-backward-emmalloc',
      "relu-wasm's backward kernel, emmalloc layout (old rw.alloc)",
      e.f32_vrelu_backward__package,
      () => ({ emmalloc: true }),
    ),
    backward(
      'pkg-backward-aligned',
      "relu-wasm's backward kernel, aligned_alloc(64) layout",
      e.f32_vrelu_backward__package,
      () => ({}),
    ),
    backward(
      'pkg-backward-staggered',
      "relu-wasm's backward kernel, 64 B aligned + staggered (rw.alloc now)",
      e.f32_vrelu_backward__package,
      (k) => ({ stagger: k }),
    ),
  ];

  function backward(id, label, fn, placement = () => ({})) {
    return {
      id,
      label,
      bytesPerElement: 12,
      setup(n) {
        const x = bench.alloc(n, placement(0));
        const dy = bench.alloc(n, placement(1));
        const dx = bench.alloc(n, placement(2));
        const src = input(n);
        const g = input(n, 777);
        bench.f32(x, n).set(src);
        bench.f32(dy, n).set(g);
        const want = reluBackwardReference(src, g);
        return {
          run: () => fn(x, dy, dx, n),
          check: () => sameBits(bench.f32(dx, n), want),
          dispose: () => {
            bench.release();
            bench.release();
            bench.release();
          },
        };
      },
    };
  }
}

/**
 * ReLU backward (dx = x <= 0 ? 0 : dy), 12 bytes per element: plain JavaScript, then each
 * instance through the zero-copy and the copying API.
 * @param {{ label: string, rw: import('relu-wasm').ReluWasm }[]} instances
 */
export function reluBackwardVariants(instances) {
  const variants = [
    variant('js-backward', 'plain JavaScript loop, backward', 12, (n) => {
      const { x, dy } = backwardInputs(n);
      const dx = new Float32Array(n);
      const run = () => {
        for (let i = 0; i < n; i++) dx[i] = x[i] <= 0 ? 0 : dy[i];
      };
      return { run, check: () => sameBits(dx, reluBackwardReference(x, dy)), dispose() {} };
    }),
  ];
  for (const { label, rw } of instances) {
    variants.push(
      variant(`${rw.backend}-zero-copy-backward`, `${label}, zero-copy (reluBackwardInto)`, 12, (n) => {
        const src = backwardInputs(n);
        const {
          buffers: [x, dy, dx],
          dispose,
        } = wasmBuffers(rw, n, src.x, src.dy, null);
        return {
          run: () => rw.reluBackwardInto(x, dy, dx),
          check: () => sameBits(dx.view(), reluBackwardReference(src.x, src.dy)),
          dispose,
        };
      }),
      variant(`${rw.backend}-copying-backward`, `${label}, copying (reluBackward)`, 12, (n) => {
        const { x, dy } = backwardInputs(n);
        const out = new Float32Array(n);
        return {
          run: () => rw.reluBackward(x, dy, { out }),
          check: () => sameBits(out, reluBackwardReference(x, dy)),
          dispose() {},
        };
      }),
    );
  }
  return variants;
}

/** sigmoid and tanh and their derivatives in double precision, the references of the checks. */
export const smoothReference = {
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
  sigmoidBackward: (v, g) => {
    const e = Math.exp(-Math.abs(v));
    return (g * e) / ((1 + e) * (1 + e));
  },
  tanhBackward: (v, g) => {
    const e = Math.exp(-2 * Math.abs(v));
    return (4 * g * e) / ((1 + e) * (1 + e));
  },
};

/**
 * True when every y[i] is within `rel` (relative) plus `abs` of the double-precision value:
 * the kernels are approximations (a few ULP, docs/numerics.md), so they are checked by value.
 */
export function closeTo(y, want, rel = 6e-7, abs = 1e-30) {
  if (y.length !== want.length) return false;
  for (let i = 0; i < y.length; i++) if (!(Math.abs(y[i] - want[i]) <= rel * Math.abs(want[i]) + abs)) return false;
  return true;
}

/**
 * Sigmoid and tanh, forward (8 B/elem) and backward (12 B/elem), through each instance's
 * zero-copy calls: the same calls and buffers as the ReLU rows, so the difference is arithmetic.
 * @param {{ label: string, rw: import('relu-wasm').ReluWasm }[]} instances
 */
export function smoothActivationVariants(instances) {
  const variants = [];
  for (const { label, rw } of instances) {
    for (const fn of ['sigmoid', 'tanh']) {
      variants.push(
        variant(`${rw.backend}-${fn}`, `${label}, zero-copy (${fn}Into)`, 8, (n) => {
          const src = input(n);
          const {
            buffers: [x, y],
            dispose,
          } = wasmBuffers(rw, n, src, null);
          const want = Array.from(src, smoothReference[fn]);
          return { run: () => rw[`${fn}Into`](x, y), check: () => closeTo(y.view(), want), dispose };
        }),
        variant(`${rw.backend}-${fn}-backward`, `${label}, zero-copy (${fn}BackwardInto)`, 12, (n) => {
          const src = backwardInputs(n);
          const {
            buffers: [x, dy, dx],
            dispose,
          } = wasmBuffers(rw, n, src.x, src.dy, null);
          const want = Array.from(src.x, (v, i) => smoothReference[`${fn}Backward`](v, src.dy[i]));
          return {
            run: () => rw[`${fn}BackwardInto`](x, dy, dx),
            check: () => closeTo(dx.view(), want, 1e-6),
            dispose,
          };
        }),
      );
    }
  }
  return variants;
}

/**
 * Times every variant at every size. Yields to the event loop between cells (so a page can
 * paint `onProgress`) and returns one row per cell:
 * { id, label, n, secondsPerCall, gbps, ok }.
 * With `interleave`, the variants of one size are set up together and sampled in rounds (one
 * sample of each variant per round), so every variant's median covers the same stretch of
 * time and a ratio between two variants does not depend on when each was measured.
 */
export async function runKernelBench({
  variants,
  sizes = KERNEL_SIZES,
  minSampleMs = 50,
  samples = 7,
  onProgress,
  interleave = false,
} = {}) {
  const rows = [];
  const total = variants.length * sizes.length;
  for (const n of sizes) {
    if (interleave) {
      rows.push(
        ...(await runInterleaved(variants, n, {
          minSampleMs,
          samples,
          onProgress: (current) => onProgress?.({ done: rows.length, total, current }),
        })),
      );
      continue;
    }
    for (const v of variants) {
      onProgress?.({ done: rows.length, total, current: `${v.label}, ${n} floats` });
      await new Promise((r) => setTimeout(r, 0));
      const cell = v.setup(n);
      try {
        cell.run();
        const ok = cell.check();
        const secondsPerCall = timeCall(cell.run, { minSampleMs, samples });
        rows.push({
          id: v.id,
          label: v.label,
          n,
          secondsPerCall,
          gbps: (v.bytesPerElement * n) / secondsPerCall / 1e9,
          ok,
        });
      } finally {
        cell.dispose();
      }
    }
  }
  onProgress?.({ done: total, total, current: '' });
  return rows;
}

async function runInterleaved(variants, n, { minSampleMs, samples, onProgress }) {
  const cells = [];
  try {
    for (const v of variants) {
      const cell = v.setup(n);
      cells.push(cell);
      cell.run();
      cell.ok = cell.check();
    }
    const timers = cells.map((c) => ({ reps: calibrate(c.run, minSampleMs) }));
    const perCall = cells.map(() => []);
    for (let round = 0; round < samples; round++) {
      onProgress(`${n} floats, round ${round + 1}/${samples} of all ${variants.length} variants`);
      await new Promise((r) => setTimeout(r, 0));
      cells.forEach((c, i) => perCall[i].push(sample(c.run, timers[i], minSampleMs)));
    }
    return variants.map((v, i) => {
      const secondsPerCall = median(perCall[i]);
      const gbps = (s) => (v.bytesPerElement * n) / s / 1e9;
      // Spread: the slowest and the fastest of the rounds.
      const spread = [gbps(Math.max(...perCall[i])), gbps(Math.min(...perCall[i]))];
      return {
        id: v.id,
        label: v.label,
        n,
        secondsPerCall,
        gbps: gbps(secondsPerCall),
        spread,
        rounds: samples,
        ok: cells[i].ok,
      };
    });
  } finally {
    for (const c of cells) c.dispose();
  }
}
