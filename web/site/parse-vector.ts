// Parses the reader's vector: numbers separated by commas and/or whitespace. Entries that
// are not numbers are reported (with their position) instead of being dropped silently.
export interface ParsedVector {
  values: number[];
  /** Entries that could not be read as numbers, 1-based position and text. */
  bad: { position: number; text: string }[];
}

const NAMED: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

export function parseVector(text: string): ParsedVector {
  const entries = text.split(/[\s,;]+/).filter((s) => s.length > 0);
  const values: number[] = [];
  const bad: ParsedVector['bad'] = [];
  entries.forEach((entry, i) => {
    const named = NAMED[entry.toLowerCase()];
    const value = named ?? (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(entry) ? Number(entry) : undefined);
    if (value === undefined) bad.push({ position: i + 1, text: entry });
    else values.push(value);
  });
  return { values, bad };
}
