// Attribute parsing for the elements: a bad value never throws; it falls back to the default
// and adds a note the element shows, so an author sees the typo on the page.
export class AttributeReader {
  readonly notes: string[] = [];
  readonly #host: Element;

  constructor(host: Element) {
    this.#host = host;
  }

  /** One of `allowed`; the default when absent or unknown. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.#host.getAttribute(name);
    if (raw === null) return fallback;
    const value = raw.trim();
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.#note(name, raw, `one of ${allowed.join(', ')}`, fallback);
    return fallback;
  }

  /** A finite number in [min, max]. */
  number(name: string, min: number, max: number, fallback: number): number {
    const raw = this.#host.getAttribute(name);
    if (raw === null) return fallback;
    const value = raw.trim() === '' ? NaN : Number(raw);
    if (Number.isFinite(value) && value >= min && value <= max) return value;
    this.#note(name, raw, `a number from ${min} to ${max}`, String(fallback));
    return fallback;
  }

  /** Comma-separated whole numbers in [min, max], at most maxCount of them ("" is an empty list). */
  integerList(name: string, min: number, max: number, maxCount: number, fallback: readonly number[]): number[] {
    const raw = this.#host.getAttribute(name);
    if (raw === null) return [...fallback];
    const parts = raw.trim() === '' ? [] : raw.split(',').map((p) => p.trim());
    const values = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
    if (values.length <= maxCount && values.every((v) => v >= min && v <= max)) return values;
    this.#note(name, raw, `up to ${maxCount} comma-separated whole numbers from ${min} to ${max}`, fallback.join(','));
    return [...fallback];
  }

  #note(name: string, raw: string, expected: string, fallback: string): void {
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    this.notes.push(`${name}="${shown}" is not ${expected}; using ${fallback}.`);
  }
}
