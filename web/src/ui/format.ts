// Number formatting for people: the package's pictures and read-outs all print through these.

/** At most 4 significant digits, no "-0" (a probe read-out, a loss). */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return String(Number(v.toPrecision(4)) + 0);
}

/** A float32 exactly as stored: up to 7 significant digits, -0 kept visible, ±∞ and NaN spelled out. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (Object.is(v, -0)) return '-0';
  return String(Number(v.toPrecision(7)));
}

/** A fixed number of decimals, with a true minus sign and no "-0.00". */
export function fixed(v: number, digits = 2): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/** A whole number with thousands separators: 8,836. */
export function integer(v: number): string {
  return v.toLocaleString('en-US');
}
