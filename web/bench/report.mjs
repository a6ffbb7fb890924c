// Turns the bench page's JSON into the verdicts of issues 6, 14 and 17, one Markdown table and
// an SVG chart (issue 14's image-scale training rows and target come from train-images.mjs).
// Ratios are taken within one run (absolute GB/s drift on shared machines). The copy limit at
// each size is the v128 load/store copy loop of the benchmark-only module; the engine's
// memory.copy is reported beside it, not used as the limit (docs/benchmarks.md says why).

import { convTableRows, evaluateConv } from './train-conv.mjs';
import { evaluateImages, imageTableRows } from './train-images.mjs';

export const SIZES = [1024, 16384, 262144, 4194304];
const sizeName = (n) => (n >= 1 << 20 ? `${n >> 20}Mi` : `${n >> 10}Ki`);

function cell(report, id, n) {
  return report.kernel.find((r) => r.id === id && r.n === n);
}

export function copyLimit(report, n) {
  return cell(report, 'wasm-copy-loop', n)?.gbps ?? 0;
}

/** The plain reference kernel each package kernel row is judged against. */
const REFERENCE_OF = {
  'wasm-simd-zero-copy': 'ref-forward',
  'wasm-simd-zero-copy-backward': 'ref-backward',
};

function train(report, id, caseId) {
  return report.train.find((r) => r.id === id && r.caseId === caseId);
}

/** [{ target, value, pass }] for every target of issue 6. */
export function evaluate(report) {
  const v = [];
  const add = (target, value, pass, ok = true) => v.push({ target, value, pass: pass && ok });
  const ratio = (id, n) => (cell(report, id, n)?.gbps ?? 0) / copyLimit(report, n);
  const speedup = (a, b, n) => {
    const x = cell(report, a, n);
    const y = cell(report, b, n);
    return x && y ? y.secondsPerCall / x.secondsPerCall : NaN;
  };
  for (const [dir, suffix] of [
    ['forward', ''],
    ['backward', '-backward'],
  ]) {
    for (const [n, min] of [
      [1024, 0.8],
      [16384, 0.9],
      [262144, 0.9],
    ]) {
      const r = ratio(`wasm-simd-zero-copy${suffix}`, n);
      add(
        `SIMD zero-copy ${dir} at ${sizeName(n)} >= ${min} of copy limit`,
        r.toFixed(2),
        r >= min,
        cell(report, `wasm-simd-zero-copy${suffix}`, n)?.ok,
      );
    }
  }
  for (const [suffix, n, min] of [
    ['', 1024, 10],
    ['', 262144, 1.1],
    ['-backward', 262144, 4],
  ]) {
    if (!report.tfjs) break;
    const s = speedup(`wasm-simd-zero-copy${suffix}`, `tfjs-wasm${suffix}`, n);
    add(`${suffix ? 'backward' : 'forward'} vs TF.js WASM at ${sizeName(n)} >= ${min}x`, `${s.toFixed(1)}x`, s >= min);
  }
  // Issue 17: each zero-copy kernel against the plain reference of the same operation and the
  // copy loop; the scalar build's backward against its forward.
  for (const n of [1024, 16384, 262144]) {
    const bwd = cell(report, 'wasm-simd-zero-copy-backward', n);
    const fwd = cell(report, 'wasm-simd-zero-copy', n);
    const rb = (bwd?.gbps ?? 0) / (cell(report, 'ref-backward', n)?.gbps ?? Infinity);
    const rf = (fwd?.gbps ?? 0) / (cell(report, 'ref-forward', n)?.gbps ?? Infinity);
    add(`reluBackwardInto at ${sizeName(n)} >= 0.95 of the reference backward`, rb.toFixed(2), rb >= 0.95, bwd?.ok);
    add(
      `reluBackwardInto at ${sizeName(n)} >= 0.85 of the v128 copy loop`,
      ratio('wasm-simd-zero-copy-backward', n).toFixed(2),
      ratio('wasm-simd-zero-copy-backward', n) >= 0.85,
      bwd?.ok,
    );
    add(`reluInto at ${sizeName(n)} >= 0.95 of the reference forward`, rf.toFixed(2), rf >= 0.95, fwd?.ok);
  }
  const sb = cell(report, 'wasm-scalar-zero-copy-backward', 262144);
  const sf = cell(report, 'wasm-scalar-zero-copy', 262144);
  const scalarRatio = sb && sf ? sb.gbps / sf.gbps : 0;
  add(
    'scalar build: backward at 256Ki >= 0.5 of its forward (GB/s)',
    scalarRatio.toFixed(2),
    scalarRatio >= 0.5,
    sb?.ok,
  );
  const c = ratio('wasm-simd-copying', 16384);
  add(
    'copying rw.relu(array) at 16Ki >= 0.2 of copy limit',
    c.toFixed(2),
    c >= 0.2,
    cell(report, 'wasm-simd-copying', 16384)?.ok,
  );
  for (const [caseId, min] of [
    ['net-2-8-8-1', 5e6],
    ['net-2-100-3', 2e6],
  ]) {
    const t = train(report, 'wasm-simd-train', caseId);
    if (!t) continue;
    add(
      `training ${caseId.slice(4)} >= ${min / 1e6} M samples/s`,
      `${(t.samplesPerSecond / 1e6).toFixed(2)} M`,
      t.samplesPerSecond >= min,
      t.ok,
    );
  }
  v.push(...evaluateImages(report.trainImages));
  v.push(...evaluateConv(report.trainConv));
  for (const f of report.frame) add(`frame ${f.name} <= 8 ms`, `${f.ms.frame.toFixed(2)} ms`, f.ms.frame <= 8, f.ok);
  if (!report.load) return v;
  add(
    'SIMD .wasm < 40 KB gzip',
    `${(report.load.simdWasmGzipBytes / 1024).toFixed(1)} KB`,
    report.load.simdWasmGzipBytes < 40 * 1024,
  );
  add(
    'first ReLU result <= 150 ms after page load',
    `${report.load.firstResultMs.toFixed(0)} ms`,
    report.load.firstResultMs <= 150,
    report.load.ok,
  );
  return v;
}

// The kernel table's rows, [group, kind, id, label], listed by group.
const KERNEL_GROUPS = [
  [
    'copy',
    'forward',
    [
      ['wasm-copy-loop', 'WASM v128 copy loop (the copy limit; bench module)'],
      ['wasm-memory-copy', 'WASM memory.copy instruction (bench module)'],
      ['wasm-memory-copy-emmalloc', 'the same, buffers 8 B apart mod 4 KiB (old rw.alloc layout)'],
      ['copy', 'JS TypedArray.set (for reference)'],
    ],
  ],
  [
    'relu forward',
    'forward',
    [
      ['ref-forward', 'plain WASM SIMD reference kernel (bench module)'],
      ['js', 'plain JavaScript loop'],
      ['wasm-scalar-zero-copy', 'relu-wasm scalar, zero-copy reluInto'],
      ['wasm-scalar-copying', 'relu-wasm scalar, copying relu'],
      ['wasm-simd-zero-copy', 'relu-wasm SIMD, zero-copy reluInto'],
      ['wasm-simd-copying', 'relu-wasm SIMD, copying relu'],
      ['tfjs-cpu', 'TF.js 4.22 CPU, tf.relu'],
      ['tfjs-wasm', 'TF.js 4.22 WASM, tf.relu'],
    ],
  ],
  [
    'relu backward (12 B/elem)',
    'backward',
    [
      ['ref-backward', 'plain WASM SIMD reference kernel (bench module)'],
      ['pkg-backward-emmalloc', "relu-wasm's kernel in the bench module, emmalloc layout (old rw.alloc)"],
      ['pkg-backward-aligned', 'the same, aligned_alloc(64) layout'],
      ['pkg-backward-staggered', 'the same, 64 B aligned and staggered (rw.alloc now)'],
      ['js-backward', 'plain JavaScript loop'],
      ['wasm-scalar-zero-copy-backward', 'relu-wasm scalar, zero-copy reluBackwardInto'],
      ['wasm-scalar-copying-backward', 'relu-wasm scalar, copying reluBackward'],
      ['wasm-simd-zero-copy-backward', 'relu-wasm SIMD, zero-copy reluBackwardInto'],
      ['wasm-simd-copying-backward', 'relu-wasm SIMD, copying reluBackward'],
      ['tfjs-cpu-backward', 'TF.js 4.22 CPU, dy * step(x)'],
      ['tfjs-wasm-backward', 'TF.js 4.22 WASM, dy * step(x)'],
    ],
  ],
];
const KERNEL_ROWS = KERNEL_GROUPS.flatMap(([group, kind, rows]) => rows.map(([id, label]) => [group, kind, id, label]));

const TRAIN_ROWS = [
  ['wasm-simd-train', 'relu-wasm SIMD, net.train (multi-step)'],
  ['wasm-scalar-train', 'relu-wasm scalar, net.train (multi-step)'],
  ['js-train', 'plain JavaScript Float32Array MLP'],
  ['tfjs-wasm-loop', 'TF.js WASM, hand-written loop'],
  ['tfjs-wasm-layers', 'TF.js WASM, layers model.fit'],
  ['tfjs-cpu-loop', 'TF.js CPU, hand-written loop'],
  ['tfjs-cpu-layers', 'TF.js CPU, layers model.fit'],
];

function targetNotes(report, id) {
  const verdicts = report.verdicts ?? evaluate(report);
  const keys = {
    'wasm-simd-zero-copy': (t) =>
      t.startsWith('SIMD zero-copy forward') || t.startsWith('forward vs') || t.startsWith('reluInto '),
    'wasm-simd-zero-copy-backward': (t) =>
      t.startsWith('SIMD zero-copy backward') || t.startsWith('backward vs') || t.startsWith('reluBackwardInto '),
    'wasm-scalar-zero-copy-backward': (t) => t.startsWith('scalar build'),
    'wasm-simd-copying': (t) => t.startsWith('copying'),
  };
  const match = keys[id];
  if (!match) return '';
  return verdicts
    .filter((v) => match(v.target))
    .map(
      (v) =>
        `${v.target
          .replace(/^SIMD zero-copy (forward|backward) /, '')
          .replace(/^(forward|backward) /, '')
          .replace(/^(reluInto|reluBackwardInto|scalar build:) /, '')
          .replace(/^copying rw.relu\(array\) /, '')}: ${v.value} **${v.pass ? 'pass' : 'MISS'}**`,
    )
    .join('; ');
}

/** The one table: kernels (GB/s and x copy limit per size), training, frame, load. */
export function markdownTable(report) {
  const lines = [
    `| Benchmark | Contender | 1Ki | 16Ki | 256Ki | 4Mi | Targets (issues 6 and 17) |`,
    `|---|---|---:|---:|---:|---:|---|`,
  ];
  for (const [group, , id, label] of KERNEL_ROWS) {
    const cells = SIZES.map((n) => {
      const r = cell(report, id, n);
      if (!r) return 'n/a';
      const spread = r.spread ? ` [${r.spread[0].toFixed(0)}-${r.spread[1].toFixed(0)}]` : '';
      const ref = REFERENCE_OF[id] && cell(report, REFERENCE_OF[id], n);
      const mcopy = cell(report, 'wasm-memory-copy', n);
      const vsRef = ref
        ? `; ${(r.gbps / ref.gbps).toFixed(2)} of ref${mcopy ? `, ${(r.gbps / mcopy.gbps).toFixed(2)} of memory.copy` : ''}`
        : '';
      return `${r.gbps.toFixed(1)} GB/s${spread} (${(r.gbps / copyLimit(report, n)).toFixed(2)}${vsRef})${r.ok ? '' : ' WRONG'}`;
    });
    lines.push(`| ${group} | ${label} | ${cells.join(' | ')} | ${targetNotes(report, id)} |`);
  }
  const verdicts = report.verdicts ?? evaluate(report);
  for (const [caseId, caseLabel] of [
    ['net-2-8-8-1', 'train 2-8-8-1, batch 10'],
    ['net-2-100-3', 'train 2-100-3, batch 300'],
  ]) {
    for (const [id, label] of TRAIN_ROWS) {
      const t = train(report, id, caseId);
      if (!t) continue;
      const simd = train(report, 'wasm-simd-train', caseId);
      const x =
        id === 'wasm-simd-train' ? '' : ` (SIMD is ${(simd.samplesPerSecond / t.samplesPerSecond).toFixed(1)}x)`;
      const v =
        id === 'wasm-simd-train' ? verdicts.find((q) => q.target.startsWith(`training ${caseId.slice(4)}`)) : null;
      lines.push(
        `| ${caseLabel} | ${label} | ${(t.samplesPerSecond / 1e6).toFixed(3)} M samples/s${x}${t.ok ? '' : ' WRONG'} | | | | ${v ? `${v.target.replace(/^training \S+ /, '')}: **${v.pass ? 'pass' : 'MISS'}**` : ''} |`,
      );
    }
  }
  lines.push(...imageTableRows(report.trainImages, verdicts));
  lines.push(...convTableRows(report.trainConv, evaluateConv(report.trainConv)));
  for (const f of report.frame) {
    const m = f.ms;
    lines.push(
      `| playground frame | ${f.name} | ${m.frame.toFixed(2)} ms${f.ok ? '' : ' WRONG'} | train ${m.train.toFixed(2)} | predict ${m.predict.toFixed(2)} | activations ${m.activations.toFixed(2)} | <= 8 ms: **${m.frame <= 8 ? 'pass' : 'MISS'}** |`,
    );
  }
  const l = report.load;
  if (!l) return lines.join('\n');
  const newTab =
    l.newTabFirstResultMs === undefined ? '' : ` (in a just-opened tab: ${l.newTabFirstResultMs.toFixed(0)} ms)`;
  lines.push(
    `| load | SIMD .wasm gzip; first relu() after navigation | ${(l.simdWasmGzipBytes / 1024).toFixed(1)} KB | ${l.firstResultMs.toFixed(0)} ms${newTab} | | | < 40 KB: **${l.simdWasmGzipBytes < 40 * 1024 ? 'pass' : 'MISS'}**; <= 150 ms: **${l.firstResultMs <= 150 && l.ok ? 'pass' : 'MISS'}** |`,
  );
  return lines.join('\n');
}

/** Horizontal bars: ReLU forward, fraction of the copy limit, per contender and size. */
export function chartSvg(report) {
  const ids = KERNEL_ROWS.filter(([g]) => g === 'relu forward').map(([, , id, label]) => [id, label]);
  const colors = ['#1b6ca8', '#4f9fd6', '#f28e2b', '#e15759'];
  const rowH = 14;
  const groupH = SIZES.length * rowH + 12;
  const left = 300;
  const width = 760;
  const scale = (width - left - 60) / 1.1;
  const height = 40 + ids.length * groupH + 20;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<title>ReLU forward throughput as a fraction of the WASM memory-copy limit</title>`,
    `<text x="10" y="16" font-size="13">ReLU forward, fraction of the WASM copy limit (1.0 = memory speed), ${report.browser ?? ''}</text>`,
  ];
  SIZES.forEach((n, k) =>
    out.push(
      `<rect x="${left + k * 70}" y="24" width="10" height="10" fill="${colors[k]}"/><text x="${left + k * 70 + 14}" y="33">${sizeName(n)}</text>`,
    ),
  );
  ids.forEach(([id, label], i) => {
    const y0 = 44 + i * groupH;
    out.push(`<text x="${left - 6}" y="${y0 + groupH / 2}" text-anchor="end">${label}</text>`);
    SIZES.forEach((n, k) => {
      const r = cell(report, id, n);
      const f = r ? r.gbps / copyLimit(report, n) : 0;
      const w = Math.max(1, Math.min(f, 1.1) * scale);
      out.push(
        `<rect x="${left}" y="${y0 + k * rowH}" width="${w.toFixed(1)}" height="${rowH - 2}" fill="${colors[k]}"/>`,
      );
      out.push(`<text x="${left + w + 4}" y="${y0 + k * rowH + 10}">${f.toFixed(2)}</text>`);
    });
  });
  out.push(
    `<line x1="${left + scale}" y1="40" x2="${left + scale}" y2="${height - 10}" stroke="#333" stroke-dasharray="3,3"/>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
