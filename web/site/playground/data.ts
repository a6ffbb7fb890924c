// From settings to the numbers the engine trains on: generated or loaded points, the
// train/test split, the input features and the grid the heatmaps are drawn from.
import { DOMAIN, generate as generateDataset, splitTrainTest, type Point } from 'relu-wasm/datasets';

import type { LoadedData, TaskKind } from './csv.js';
import { activeFeatures, seedToUint32, type Feature, type State } from './state.js';

export interface Data {
  train: Point[];
  test: Point[];
  kind: TaskKind;
  /** Classes for classification (2 for binary), 0 for regression. */
  classes: number;
  /** 'generated' or 'custom' (uploaded, pasted or edited by clicks). */
  source: 'generated' | 'custom';
}

/** numSamples 0 leaves the count to relu-wasm/datasets: TF Playground's 500 to classify, 1200 to regress. */
export function generate(state: State): Data {
  const seed = seedToUint32(state.seed);
  const name = state.problem === 'regression' ? state.regDataset : state.dataset;
  const n = state.numSamples > 0 ? Math.max(10, state.numSamples) : undefined;
  const d = generateDataset(name, { n, noise: state.noise / 100, seed });
  const { train, test } = splitTrainTest(d.points, state.percTrainData, seed);
  const kind = d.kind === 'regression' ? 'regression' : d.classes > 2 ? 'multiclass' : 'binary';
  return { train, test, kind, classes: d.classes, source: 'generated' };
}

export function fromLoaded(loaded: LoadedData, state: State): Data {
  const { train, test } = splitTrainTest(loaded.points, state.percTrainData, seedToUint32(state.seed));
  return { train, test, kind: loaded.kind, classes: loaded.classes, source: 'custom' };
}

/** Each feature of a point in the domain [-6, 6]; x and y are scaled to [-1, 1] as the engine likes. */
const FEATURE_FNS: Record<Feature, (x1: number, x2: number) => number> = {
  x: (a) => a / DOMAIN,
  y: (_a, b) => b / DOMAIN,
  xSquared: (a) => (a / DOMAIN) ** 2,
  ySquared: (_a, b) => (b / DOMAIN) ** 2,
  xTimesY: (a, b) => (a / DOMAIN) * (b / DOMAIN),
  sinX: (a) => Math.sin(a),
  sinY: (_a, b) => Math.sin(b),
  cosX: (a) => Math.cos(a),
  cosY: (_a, b) => Math.cos(b),
};

export const FEATURE_LABELS: Record<Feature, string> = {
  x: 'X₁',
  y: 'X₂',
  xSquared: 'X₁²',
  ySquared: 'X₂²',
  xTimesY: 'X₁X₂',
  sinX: 'sin(X₁)',
  sinY: 'sin(X₂)',
  cosX: 'cos(X₁)',
  cosY: 'cos(X₂)',
};

export function featurize(coords: ArrayLike<number>, features: readonly Feature[]): Float32Array {
  const rows = coords.length / 2;
  const out = new Float32Array(rows * features.length);
  const fns = features.map((f) => FEATURE_FNS[f]);
  for (let i = 0; i < rows; i++) {
    const a = coords[2 * i]!;
    const b = coords[2 * i + 1]!;
    for (let k = 0; k < fns.length; k++) out[i * fns.length + k] = fns[k]!(a, b);
  }
  return out;
}

function coordsOf(points: readonly Point[]): Float32Array {
  const c = new Float32Array(points.length * 2);
  points.forEach((p, i) => {
    c[2 * i] = p.x1;
    c[2 * i + 1] = p.x2;
  });
  return c;
}

/** Labels as the engine wants them: class indices (Int32Array) or targets [rows][1]. */
export function targets(points: readonly Point[], kind: TaskKind): Float32Array | Int32Array {
  return kind === 'regression' ? Float32Array.from(points, (p) => p.y) : Int32Array.from(points, (p) => p.y);
}

export function tensors(
  points: readonly Point[],
  kind: TaskKind,
  features: readonly Feature[],
): { X: Float32Array; Y: Float32Array | Int32Array } {
  return { X: featurize(coordsOf(points), features), Y: targets(points, kind) };
}

/** Cell centres of an n x n grid over the domain, row 0 at the top (x2 = +6), as coordinates. */
export function gridCoords(n: number): Float32Array {
  const c = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      const i = r * n + col;
      c[2 * i] = -DOMAIN + ((col + 0.5) * 2 * DOMAIN) / n;
      c[2 * i + 1] = DOMAIN - ((r + 0.5) * 2 * DOMAIN) / n;
    }
  }
  return c;
}

/** The network's sizes: inputs, the hidden layers, then 1 output (binary, regression) or K. */
export function networkSizes(state: State, data: Data): number[] {
  const outputs = data.kind === 'multiclass' ? data.classes : 1;
  return [activeFeatures(state).length, ...state.networkShape, outputs];
}

export const GRID = 100;
export const NEURON_GRID = 25;
