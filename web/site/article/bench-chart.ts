// Draws the benchmark's rows: one group of bars per size (GB/s moved, input read + output
// written), one bar per variant, plus the same numbers as an accessible table.
import type { BenchRow } from '../../bench/kernel-bench.mjs';

import { el, fixed, svg } from 'relu-wasm/ui';

/** Short names and colour classes for the harness's variant ids. */
export function variantName(id: string): { name: string; cls: string } {
  if (id === 'copy') return { name: 'memory copy', cls: 'v-copy' };
  if (id === 'js') return { name: 'plain JS', cls: 'v-js' };
  const simd = id.startsWith('wasm-simd');
  const zero = id.endsWith('zero-copy');
  return {
    name: `${simd ? 'SIMD' : 'scalar'}, ${zero ? 'zero-copy' : 'copying'}`,
    cls: `${simd ? 'v-simd' : 'v-scalar'}${zero ? '' : ' v-copying'}`,
  };
}

const sizeLabel = (n: number): string => {
  const bytes = n * 4;
  const unit = bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / 1024} KB`;
  return `${n.toLocaleString('en-US')} floats (${unit} in)`;
};

/** A cell's speed; a sample the timer could not resolve (0 s, so Infinity GB/s) says so. */
function gbpsText(row: BenchRow, digits = 1): string {
  if (!row.ok) return 'wrong result';
  return Number.isFinite(row.gbps) ? `${fixed(row.gbps, digits)}${digits === 1 ? ' GB/s' : ''}` : 'too fast to time';
}

export function benchChart(rows: BenchRow[]): SVGSVGElement {
  const sizes = [...new Set(rows.map((r) => r.n))];
  const ids = [...new Set(rows.map((r) => r.id))];
  // A timer too coarse for a tiny sample can give 0 s, hence Infinity GB/s: keep it off the scale.
  const max = Math.max(...rows.map((r) => r.gbps).filter(Number.isFinite), 1e-9);
  // Labels sit above their bars so the chart stays legible when scaled down to a phone.
  const W = 600;
  const ROW = 48;
  const BAR = 13;
  const GROUP_HEAD = 36;
  const groupH = GROUP_HEAD + ids.length * ROW + 10;
  const H = sizes.length * groupH;
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'plot bench-chart',
    role: 'img',
    'data-testid': 'bench-chart',
    'aria-label':
      'Bar chart of the benchmark: gigabytes per second per variant and size (the table below has the numbers)',
  });
  sizes.forEach((n, g) => {
    const y0 = g * groupH;
    chart.append(svg('text', { x: 0, y: y0 + 26, class: 'group-label' }, sizeLabel(n)));
    ids.forEach((id, i) => {
      const row = rows.find((r) => r.n === n && r.id === id);
      if (!row) return;
      const { name, cls } = variantName(id);
      const y = y0 + GROUP_HEAD + i * ROW;
      const w = Number.isFinite(row.gbps) ? Math.max(1, Math.min(W, (W * row.gbps) / max)) : 1;
      chart.append(
        svg('text', { x: 0, y: y + 20, class: 'bar-label' }, `${name}: ${gbpsText(row)}`),
        svg('rect', { x: 0, y: y + 27, width: w.toFixed(1), height: BAR, rx: 2, class: `bar ${cls}` }),
      );
    });
  });
  return chart;
}

export function benchTable(rows: BenchRow[]): HTMLTableElement {
  const sizes = [...new Set(rows.map((r) => r.n))];
  const ids = [...new Set(rows.map((r) => r.id))];
  return el(
    'table',
    { class: 'bench-table', 'data-testid': 'bench-table' },
    el('caption', {}, 'GB/s (bytes read + written per second); higher is faster'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'variant'),
        ...sizes.map((n) => el('th', { scope: 'col' }, n.toLocaleString('en-US'))),
      ),
    ),
    el(
      'tbody',
      {},
      ...ids.map((id) =>
        el(
          'tr',
          { 'data-variant': id },
          el('th', { scope: 'row' }, variantName(id).name),
          ...sizes.map((n) => {
            const r = rows.find((x) => x.n === n && x.id === id);
            return el('td', {}, r === undefined ? '' : gbpsText(r, 2));
          }),
        ),
      ),
    ),
  );
}
