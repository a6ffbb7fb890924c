// The reader's own data: CSV text with columns x1,x2,label (header optional) in, and out.
// Untrusted: every row is checked, errors name their line and column, and a file with any bad
// row is rejected whole, so nothing is ever half-loaded. parseCsv never throws.
import { FLOAT32_MAX } from 'relu-wasm';
import type { Point } from 'relu-wasm/datasets';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;
/** Integer labels 0..K-1 with K up to this are classes; anything else is a regression target. */
export const MAX_CLASSES = 10;

export type TaskKind = 'binary' | 'multiclass' | 'regression';

export interface LoadedData {
  points: Point[];
  kind: TaskKind;
  classes: number;
  /** Notes that did not stop the load (e.g. -1/1 labels mapped to 0/1). */
  notes: string[];
}

export type CsvResult = { ok: true; data: LoadedData } | { ok: false; errors: string[] };

const MAX_REPORTED = 8;
const COLUMNS = ['x1', 'x2', 'label'] as const;

function shorten(s: string): string {
  return JSON.stringify(s.length > 30 ? `${s.slice(0, 30)}…` : s);
}

/** The task a set of labels describes, and the labels as the engine wants them. */
export function classifyLabels(labels: readonly number[]): {
  kind: TaskKind;
  classes: number;
  mapped: number[];
  notes: string[];
} {
  const distinct = new Set(labels);
  const allInts = labels.every((v) => Number.isInteger(v));
  if (allInts && [...distinct].every((v) => v === -1 || v === 1) && distinct.size > 0) {
    return {
      kind: 'binary',
      classes: 2,
      mapped: labels.map((v) => (v === 1 ? 1 : 0)),
      notes: ['Labels -1/1 were read as classes 0/1.'],
    };
  }
  if (allInts && [...distinct].every((v) => v === 0 || v === 1))
    return { kind: 'binary', classes: 2, mapped: [...labels], notes: [] };
  let max = -Infinity;
  for (const v of distinct) max = Math.max(max, v); // no spread: up to MAX_CSV_ROWS labels
  if (allInts && [...distinct].every((v) => v >= 0) && max < MAX_CLASSES) {
    return { kind: 'multiclass', classes: max + 1, mapped: [...labels], notes: [] };
  }
  return {
    kind: 'regression',
    classes: 0,
    mapped: [...labels],
    notes: ['Labels are not classes 0..K-1, so this is a regression problem.'],
  };
}

export function parseCsv(text: string): CsvResult {
  if (text.length > MAX_CSV_BYTES) {
    return { ok: false, errors: [`The data is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; nothing was loaded.`] };
  }
  if (text.includes('\u0000'))
    return { ok: false, errors: ['This is not a text CSV file (it contains binary data); nothing was loaded.'] };
  const lines = text.split(/\r\n|\n|\r/);
  const errors: string[] = [];
  let errorCount = 0;
  const xs: Array<[number, number]> = [];
  const labels: number[] = [];
  let firstContent = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    // Split, then trim: a pattern with \s* around the separator backtracks quadratically on a
    // long run of spaces (100 000 spaces took 12 s).
    const fields = line.split(/[,;\t]/).map((f) => f.trim());
    const numbers = fields.map((f) => (f === '' ? NaN : Number(f)));
    const isFirst = firstContent;
    firstContent = false;
    // A first row with a non-number in it is a header (e.g. "x1,x2,label").
    if (isFirst && numbers.some((n) => Number.isNaN(n))) continue;
    if (xs.length >= MAX_CSV_ROWS) {
      return { ok: false, errors: [`More than ${MAX_CSV_ROWS.toLocaleString('en')} rows; nothing was loaded.`] };
    }
    let problem: string | null = null;
    if (fields.length !== 3) problem = `expected 3 columns (x1,x2,label), found ${fields.length}`;
    else {
      const bad = fields.findIndex((f, k) => !Number.isFinite(numbers[k]!) || f === '');
      // The engine computes in float32: a larger value would become Infinity there.
      const huge = numbers.findIndex((n) => Math.abs(n) > FLOAT32_MAX);
      if (bad >= 0) problem = `${COLUMNS[bad]} ${shorten(fields[bad]!)} is not a finite number`;
      else if (huge >= 0)
        problem = `${COLUMNS[huge]} ${shorten(fields[huge]!)} is outside float32's range (±3.4028235e38)`;
    }
    if (problem) {
      errorCount++;
      if (errors.length < MAX_REPORTED) errors.push(`Line ${i + 1}: ${problem}.`);
      continue;
    }
    xs.push([numbers[0]!, numbers[1]!]);
    labels.push(numbers[2]!);
  }
  if (errorCount > 0) {
    if (errorCount > MAX_REPORTED) errors.push(`…and ${errorCount - MAX_REPORTED} more bad rows.`);
    errors.push('Nothing was loaded; the previous data is kept.');
    return { ok: false, errors };
  }
  if (xs.length < 2) return { ok: false, errors: ['At least 2 data rows are needed; nothing was loaded.'] };
  const { kind, classes, mapped, notes } = classifyLabels(labels);
  // The plot and the features assume TF Playground's domain [-6, 6]; larger data is scaled in.
  let extent = 0;
  for (const [a, b] of xs) extent = Math.max(extent, Math.abs(a), Math.abs(b));
  const scale = extent > 6 ? 6 / extent : 1;
  if (scale !== 1) notes.push(`Coordinates were scaled by ${scale.toPrecision(3)} to fit the plot's range -6 to 6.`);
  const points = xs.map(([x1, x2], i) => ({ x1: x1 * scale, x2: x2 * scale, y: mapped[i]! }));
  return { ok: true, data: { points, kind, classes, notes } };
}

export function toCsv(points: readonly Point[]): string {
  const rows = ['x1,x2,label'];
  for (const p of points) rows.push(`${p.x1},${p.x2},${p.y}`);
  return `${rows.join('\n')}\n`;
}
