// Parses the reader's vector: numbers separated by commas and/or whitespace. Entries that
// are not numbers are reported (with their position) instead of being dropped silently.
export interface ParsedVector {
  values: number[];
  /** Entries that could not be read as numbers, 1-based position and text. */
  bad: { position: number; text: string }[];
  /** Per entry in the reader's order: the index into `values`, or -1 for a bad entry. */
  order: Int32Array;
}

// A Map, not an object literal: a word such as "constructor" or "__proto__" must not find
// Object.prototype's properties.
const NAMED = new Map<string, number>([
  ['nan', NaN],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-inf', -Infinity],
  ['-infinity', -Infinity],
]);

// `\d+(\.\d*)?`, not `\d+\.?\d*`: the latter backtracks quadratically on a long run of digits
// followed by a non-digit (20 000 digits took 0.9 s per keystroke).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Never throws: every entry becomes a value or a bad entry. */
export function parseVector(text: string): ParsedVector {
  const entries = text.split(/[\s,;]+/).filter((s) => s.length > 0);
  const values: number[] = [];
  const bad: ParsedVector['bad'] = [];
  const order = new Int32Array(entries.length);
  entries.forEach((entry, i) => {
    const value = NAMED.get(entry.toLowerCase()) ?? (NUMBER.test(entry) ? Number(entry) : undefined);
    if (value === undefined) {
      bad.push({ position: i + 1, text: entry });
      order[i] = -1;
    } else {
      order[i] = values.length;
      values.push(value);
    }
  });
  return { values, bad, order };
}
