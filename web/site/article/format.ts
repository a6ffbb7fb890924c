// Number formatting shared by the widgets.
export { formatFloat } from '../parse-vector.js';

/** A fixed number of decimals, with a true minus sign and no "-0.00". */
export function fixed(v: number, digits = 2): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

export function integer(v: number): string {
  return v.toLocaleString('en-US');
}
