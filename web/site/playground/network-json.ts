// The trained network as JSON in PyTorch's layout: per layer W [out][in] and b [out], plus
// what is needed to rebuild it. Imported JSON is untrusted: shapes, sizes and numbers checked
// (every number finite in float32, as the engine computes); parseNetwork never throws.
import { FLOAT32_MAX } from 'relu-wasm';

import type { LayerJSON } from './protocol.js';
import { FEATURES, LIMITS, type ActivationName, type Feature } from './state.js';

export const FORMAT = 'relu-wasm-mlp/1';
export const MAX_JSON_BYTES = 5 * 1024 * 1024;

export interface NetworkFile {
  format: string;
  activation: ActivationName;
  features: Feature[];
  sizes: number[];
  layers: Array<{ W: number[][]; b: number[] }>;
}

export function toJSON(layers: LayerJSON[], sizes: number[], activation: ActivationName, features: Feature[]): string {
  const out: NetworkFile = {
    format: FORMAT,
    activation,
    features,
    sizes,
    layers: layers.map(({ W, b }, l) => {
      const inputs = sizes[l]!;
      const rows: number[][] = [];
      for (let o = 0; o < b.length; o++) rows.push(Array.from(W.subarray(o * inputs, (o + 1) * inputs)));
      return { W: rows, b: Array.from(b) };
    }),
  };
  return JSON.stringify(out, null, 1);
}

export type ImportResult =
  | { ok: true; sizes: number[]; activation: ActivationName | null; features: Feature[] | null; layers: LayerJSON[] }
  | { ok: false; error: string };

const ACTIVATIONS: readonly string[] = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'linear'];

/** Why `v` cannot be a float32 weight, or null when it can. */
function badNumber(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'is not a finite number';
  if (Math.abs(v) > FLOAT32_MAX) return `= ${v} is outside float32's range (±3.4028235e38)`;
  return null;
}

export function parseNetwork(text: string): ImportResult {
  if (text.length > MAX_JSON_BYTES) return { ok: false, error: 'The file is larger than 5 MB.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON.' };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'Expected a JSON object with "layers".' };
  const obj = raw as Record<string, unknown>;
  if (!Array.isArray(obj.layers) || obj.layers.length < 1 || obj.layers.length > LIMITS.layers[1] + 1) {
    return { ok: false, error: `"layers" must be a list of 1 to ${LIMITS.layers[1] + 1} layers.` };
  }
  const layers: LayerJSON[] = [];
  const sizes: number[] = [];
  for (let l = 0; l < obj.layers.length; l++) {
    const layer = obj.layers[l] as Record<string, unknown> | null;
    const where = `layer ${l}`;
    if (typeof layer !== 'object' || layer === null || !Array.isArray(layer.W) || !Array.isArray(layer.b))
      return { ok: false, error: `${where}: needs "W" (a list of rows) and "b".` };
    const rows = layer.W as unknown[];
    const out = rows.length;
    if (out < 1 || out > LIMITS.units[1])
      return { ok: false, error: `${where}: W has ${out} rows; 1 to ${LIMITS.units[1]} allowed.` };
    const first = rows[0];
    if (!Array.isArray(first) || first.length < 1 || first.length > LIMITS.units[1])
      return { ok: false, error: `${where}: W's rows must be lists of numbers.` };
    const inputs = first.length;
    if (l === 0) sizes.push(inputs);
    else if (inputs !== sizes[l])
      return { ok: false, error: `${where}: W has ${inputs} columns but the previous layer has ${sizes[l]} units.` };
    if (layer.b.length !== out)
      return { ok: false, error: `${where}: b has ${layer.b.length} entries, W has ${out} rows.` };
    const W = new Float32Array(out * inputs);
    for (let o = 0; o < out; o++) {
      const row = rows[o];
      if (!Array.isArray(row) || row.length !== inputs)
        return { ok: false, error: `${where}: row ${o} of W does not have ${inputs} numbers.` };
      for (let i = 0; i < inputs; i++) {
        const v: unknown = row[i];
        const why = badNumber(v);
        if (why) return { ok: false, error: `${where}: W[${o}][${i}] ${why}.` };
        W[o * inputs + i] = v as number;
      }
    }
    const b = new Float32Array(out);
    for (let o = 0; o < out; o++) {
      const v = (layer.b as unknown[])[o];
      const why = badNumber(v);
      if (why) return { ok: false, error: `${where}: b[${o}] ${why}.` };
      b[o] = v as number;
    }
    sizes.push(out);
    layers.push({ W, b });
  }
  const activation =
    typeof obj.activation === 'string' && ACTIVATIONS.includes(obj.activation)
      ? (obj.activation as ActivationName)
      : null;
  let features: Feature[] | null = null;
  if (Array.isArray(obj.features)) {
    const f = obj.features.filter(
      (x): x is Feature => typeof x === 'string' && (FEATURES as readonly string[]).includes(x),
    );
    if (f.length !== obj.features.length || f.length !== sizes[0] || new Set(f).size !== f.length) {
      return { ok: false, error: '"features" must list one known feature per input, each once.' };
    }
    // The playground feeds its features in FEATURES order: a file listing them in another
    // order gets its first layer's columns permuted to match.
    features = FEATURES.filter((name) => f.includes(name));
    const from = features.map((name) => f.indexOf(name));
    const first = layers[0]!;
    const inputs = f.length;
    const W = new Float32Array(first.W.length);
    for (let o = 0; o < first.b.length; o++)
      for (let i = 0; i < inputs; i++) W[o * inputs + i] = first.W[o * inputs + from[i]!]!;
    layers[0] = { W, b: first.b };
  }
  return { ok: true, sizes, activation, features, layers };
}
