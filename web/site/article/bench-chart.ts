// Draws the benchmark's rows: one group of bars per size (GB/s moved, input read + output
// written), one bar per variant at its median, with a whisker from the slowest to the fastest
// round, plus the same numbers (median and range) as an accessible table.
import type { BenchRow } from '../../bench/kernel-bench.mjs';

import { el, fixed, svg } from 'relu-wasm/ui';

/** Short names and colour classes for the harness's variant ids. */
export function variantName(id: string): { name: string; cls: string } {
  if (id === 'wasm-copy-loop') return { name: 'v128 copy loop (the limit)', cls: 'v-limit' };
  if (id === 'wasm-memory-copy') return { name: 'memory.copy (engine)', cls: 'v-copy' };
  if (id === 'copy') return { name: 'JS TypedArray.set (engine)', cls: 'v-copy v-set' };
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

/** GB/s with sensible digits: 1 decimal below 100, none above. */
const gb = (v: number): string => fixed(v, v >= 100 ? 0 : 1);

/** The slowest-to-fastest range of a row's rounds, e.g. "77–83"; empty when not measured. */
export function spreadText(row: BenchRow): string {
  const s = row.spread;
  if (!s || !s.every(Number.isFinite)) return '';
  return `${gb(s[0])}–${gb(s[1])}`;
}

/** A cell's speed; a sample the timer could not resolve (0 s, so Infinity GB/s) says so. */
function gbpsText(row: BenchRow, unit = true): string {
  if (!row.ok) return 'wrong result';
  if (!Number.isFinite(row.gbps)) return 'too fast to time';
  const range = spreadText(row);
  return `${gb(row.gbps)}${unit ? ' GB/s' : ''}${range ? ` (${range})` : ''}`;
}

export function benchChart(rows: BenchRow[]): SVGSVGElement {
  const sizes = [...new Set(rows.map((r) => r.n))];
  const ids = [...new Set(rows.map((r) => r.id))];
  // A timer too coarse for a tiny sample can give 0 s, hence Infinity GB/s: keep it off the scale.
  const max = Math.max(...rows.flatMap((r) => [r.gbps, ...(r.spread ?? [])]).filter(Number.isFinite), 1e-9);
  // Labels sit above their bars so the chart stays legible when scaled down to a phone.
  const W = 600;
  const ROW = 52;
  const BAR = 13;
  const GROUP_HEAD = 36;
  const groupH = GROUP_HEAD + ids.length * ROW + 10;
  const H = sizes.length * groupH;
  const x = (v: number): number => Math.max(1, Math.min(W - 2, (W - 2) * (v / max)));
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'plot bench-chart',
    role: 'img',
    'data-testid': 'bench-chart',
    'aria-label':
      'Bar chart of the benchmark: gigabytes per second per variant and size, median with the range of the rounds (the table below has the numbers)',
  });
  sizes.forEach((n, g) => {
    const y0 = g * groupH;
    chart.append(svg('text', { x: 0, y: y0 + 26, class: 'group-label' }, sizeLabel(n)));
    ids.forEach((id, i) => {
      const row = rows.find((r) => r.n === n && r.id === id);
      if (!row) return;
      const { name, cls } = variantName(id);
      const y = y0 + GROUP_HEAD + i * ROW;
      const w = Number.isFinite(row.gbps) ? x(row.gbps) : 1;
      chart.append(
        svg('text', { x: 0, y: y + 20, class: 'bar-label' }, `${name}: ${gbpsText(row)}`),
        svg('rect', { x: 0, y: y + 27, width: w.toFixed(1), height: BAR, rx: 2, class: `bar ${cls}` }),
      );
      const s = row.spread;
      if (row.ok && s && s.every(Number.isFinite)) {
        // The whisker, just under its bar: slowest to fastest round, with end caps.
        const [a, b] = [x(s[0]), x(s[1])].map((v) => v.toFixed(1));
        const mid = y + 27 + BAR + 5;
        chart.append(
          svg(
            'g',
            { class: 'whisker', 'data-testid': 'bench-whisker' },
            svg('line', { x1: a, x2: b, y1: mid, y2: mid }),
            svg('line', { x1: a, x2: a, y1: mid - 4, y2: mid + 4 }),
            svg('line', { x1: b, x2: b, y1: mid - 4, y2: mid + 4 }),
          ),
        );
      }
    });
  });
  return chart;
}

export function benchTable(rows: BenchRow[]): HTMLTableElement {
  const sizes = [...new Set(rows.map((r) => r.n))];
  const ids = [...new Set(rows.map((r) => r.id))];
  const rounds = rows.find((r) => r.rounds)?.rounds;
  return el(
    'table',
    { class: 'bench-table', 'data-testid': 'bench-table' },
    el(
      'caption',
      {},
      `GB/s (bytes read + written per second), higher is faster: the median, and in brackets the slowest and the fastest${rounds ? ` of ${rounds}` : ''} rounds`,
    ),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'variant'),
        ...sizes.map((n) => el('th', { scope: 'col' }, `${n.toLocaleString('en-US')} floats`)),
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
            return el(
              'td',
              r && Number.isFinite(r.gbps)
                ? {
                    'data-median': r.gbps.toPrecision(4),
                    'data-min': r.spread?.[0]?.toPrecision(4),
                    'data-max': r.spread?.[1]?.toPrecision(4),
                  }
                : {},
              r === undefined ? '' : gbpsText(r, false),
            );
          }),
        ),
      ),
    ),
  );
}
