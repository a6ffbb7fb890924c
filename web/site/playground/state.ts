// The playground's settings as one declarative table that round-trips through the URL hash.
// Keys and value spellings follow TensorFlow Playground's state.ts, so its links open the same
// experiment here; our extras have their own keys (the end of PROPS). Every value from the hash
// is untrusted: parsed as data, validated against its table entry and clamped, never run; no
// hash makes parseHash throw, and every number it keeps is finite in float32. Names, enums and
// ranges of the network's options come from the package's option table (OPTION_SPECS) and the
// dataset names from relu-wasm/datasets; PLAYGROUND_OPTIONS declares where the playground
// deliberately differs.
import {
  ACTIVATIONS,
  MLP_OPTION_SPECS,
  OPTIMIZERS,
  TRAIN_OPTION_SPECS,
  type Activation,
  type OptimizerKind,
} from 'relu-wasm';
import { CLASSIFICATION_DATASETS, REGRESSION_DATASETS } from 'relu-wasm/datasets';

export type Problem = 'classification' | 'regression';
export type ClassDataset = (typeof CLASSIFICATION_DATASETS)[number];
export type RegDataset = (typeof REGRESSION_DATASETS)[number];
export type ActivationName = Activation;
export type Regularization = 'none' | 'L1' | 'L2';
export type Optimizer = OptimizerKind;

/**
 * The playground's deliberate differences from the option table, in one place: ReLU when the
 * page opens without a link, TF Playground's tanh for a link that names no activation (so its
 * links keep their meaning), TF Playground's learning rate 0.03, and the ranges a link may set,
 * inside the table's ranges (the table allows any learning rate in [0, 1e30) and any finite
 * Leaky slope).
 */
export const PLAYGROUND_OPTIONS = {
  activation: 'relu' as Activation,
  linkActivation: 'tanh' as Activation,
  learningRate: { default: 0.03, min: 1e-6, max: 100 },
  regularizationRate: { default: TRAIN_OPTION_SPECS.l2.default, min: 0, max: 100 },
  leakySlope: { default: MLP_OPTION_SPECS.leakySlope.default, min: 0, max: 1 },
} as const;

/** [min, max] of a playground range, clamped into the option table's range. */
function within(ui: { min: number; max: number }, table: { min: number; max: number }): readonly [number, number] {
  return [Math.max(ui.min, table.min), Math.min(ui.max, table.max)];
}

export const FEATURES = ['x', 'y', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'sinY', 'cosX', 'cosY'] as const;
export type Feature = (typeof FEATURES)[number];

export interface State {
  problem: Problem;
  dataset: ClassDataset;
  regDataset: RegDataset;
  activation: ActivationName;
  learningRate: number;
  regularization: Regularization;
  regularizationRate: number;
  batchSize: number;
  networkShape: number[];
  noise: number;
  percTrainData: number;
  /** TF Playground stores a decimal string such as "0.12345"; we keep the string it gave. */
  seed: string;
  showTestData: boolean;
  discretize: boolean;
  initZero: boolean;
  x: boolean;
  y: boolean;
  xSquared: boolean;
  ySquared: boolean;
  xTimesY: boolean;
  sinX: boolean;
  sinY: boolean;
  cosX: boolean;
  cosY: boolean;
  // Our extras.
  optimizer: Optimizer;
  leakySlope: number;
  stepsPerSecond: number;
  numSamples: number;
}

export const LIMITS = {
  learningRate: within(PLAYGROUND_OPTIONS.learningRate, TRAIN_OPTION_SPECS.lr),
  regularizationRate: within(PLAYGROUND_OPTIONS.regularizationRate, TRAIN_OPTION_SPECS.l2),
  batchSize: [1, 1000],
  layers: [0, 10],
  units: [1, 256],
  noise: [0, 50],
  percTrainData: [10, 90],
  leakySlope: within(PLAYGROUND_OPTIONS.leakySlope, MLP_OPTION_SPECS.leakySlope),
  stepsPerSecond: [1, 50000],
  /** 0 means TF Playground's counts: 500 points for classification, 1200 for regression. */
  numSamples: [0, 5000],
} as const;

/** TF Playground's learning-rate and regularization-rate menus; other values are kept too. */
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

export const DEFAULTS: Readonly<State> = {
  problem: 'classification',
  dataset: 'circle',
  regDataset: 'reg-plane',
  activation: PLAYGROUND_OPTIONS.activation,
  learningRate: PLAYGROUND_OPTIONS.learningRate.default,
  regularization: 'none',
  regularizationRate: PLAYGROUND_OPTIONS.regularizationRate.default,
  batchSize: 10,
  networkShape: [4, 2],
  noise: 0,
  percTrainData: 50,
  seed: '0.50000',
  showTestData: false,
  discretize: false,
  initZero: false,
  x: true,
  y: true,
  xSquared: false,
  ySquared: false,
  xTimesY: false,
  sinX: false,
  sinY: false,
  cosX: false,
  cosY: false,
  optimizer: TRAIN_OPTION_SPECS.optimizer.default,
  leakySlope: PLAYGROUND_OPTIONS.leakySlope.default,
  stepsPerSecond: 1000,
  numSamples: 0,
};

type Kind =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'number'; min: number; max: number; integer?: boolean }
  | { kind: 'bool' }
  | { kind: 'shape' }
  | { kind: 'seed' };

/** The table: one entry per hash key, in TF Playground's order, then ours. */
const PROPS: ReadonlyArray<[keyof State, Kind]> = [
  ['activation', { kind: 'enum', values: ACTIVATIONS }],
  ['regularization', { kind: 'enum', values: ['none', 'L1', 'L2'] }],
  ['batchSize', { kind: 'number', min: LIMITS.batchSize[0], max: LIMITS.batchSize[1], integer: true }],
  ['dataset', { kind: 'enum', values: CLASSIFICATION_DATASETS }],
  ['regDataset', { kind: 'enum', values: REGRESSION_DATASETS }],
  ['learningRate', { kind: 'number', min: LIMITS.learningRate[0], max: LIMITS.learningRate[1] }],
  ['regularizationRate', { kind: 'number', min: LIMITS.regularizationRate[0], max: LIMITS.regularizationRate[1] }],
  ['noise', { kind: 'number', min: LIMITS.noise[0], max: LIMITS.noise[1], integer: true }],
  ['networkShape', { kind: 'shape' }],
  ['seed', { kind: 'seed' }],
  ['showTestData', { kind: 'bool' }],
  ['discretize', { kind: 'bool' }],
  ['percTrainData', { kind: 'number', min: LIMITS.percTrainData[0], max: LIMITS.percTrainData[1], integer: true }],
  ['x', { kind: 'bool' }],
  ['y', { kind: 'bool' }],
  ['xTimesY', { kind: 'bool' }],
  ['xSquared', { kind: 'bool' }],
  ['ySquared', { kind: 'bool' }],
  ['cosX', { kind: 'bool' }],
  ['sinX', { kind: 'bool' }],
  ['cosY', { kind: 'bool' }],
  ['sinY', { kind: 'bool' }],
  ['problem', { kind: 'enum', values: ['classification', 'regression'] }],
  ['initZero', { kind: 'bool' }],
  // Ours (not in TF Playground):
  ['optimizer', { kind: 'enum', values: OPTIMIZERS }],
  ['leakySlope', { kind: 'number', min: LIMITS.leakySlope[0], max: LIMITS.leakySlope[1] }],
  ['stepsPerSecond', { kind: 'number', min: LIMITS.stepsPerSecond[0], max: LIMITS.stepsPerSecond[1], integer: true }],
  ['numSamples', { kind: 'number', min: LIMITS.numSamples[0], max: LIMITS.numSamples[1], integer: true }],
];

/** TF Playground keys that only change its own UI; accepted and ignored. */
const IGNORED_KEYS = new Set(['collectStats', 'tutorial', 'hideText']);

export interface ParseResult {
  state: State;
  /** Plain-language notes on values that were out of range, unknown or malformed. */
  warnings: string[];
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** Decodes a hash value; a malformed escape gives null rather than an exception. */
function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The seed as the engine's unsigned 32-bit integer: "0.12345" (TF Playground) or "42". */
export function seedToUint32(seed: string): number {
  const n = Number(seed);
  if (!Number.isFinite(n)) return 0;
  if (n >= 0 && n < 1 && seed.includes('.')) return Math.floor(n * 4294967296) >>> 0;
  return Math.abs(Math.trunc(n)) % 4294967296;
}

/**
 * The settings a hash describes. A hash without any key (`''`, `#`) is the page's own default
 * (ReLU); any key makes it a link, and a link without `activation` means TF Playground's
 * default, tanh.
 */
export function parseHash(hash: string): ParseResult {
  const state: State = cloneState(DEFAULTS);
  const warnings: string[] = [];
  const map = new Map<string, string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  // A hostile hash can be long; nothing legitimate needs more than a few hundred characters.
  for (const pair of body.slice(0, 4000).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (name === null || value === null) {
      warnings.push('A malformed part of the link was ignored.');
      continue;
    }
    map.set(name, value);
  }
  if (map.size > 0) state.activation = PLAYGROUND_OPTIONS.linkActivation;
  const target = state as unknown as Record<string, unknown>;
  for (const [name, kind] of PROPS) {
    const raw = map.get(name);
    map.delete(name);
    if (raw === undefined) continue;
    const value = raw.trim();
    const show = JSON.stringify(value.slice(0, 40));
    switch (kind.kind) {
      case 'enum':
        if (kind.values.includes(value)) target[name] = value;
        else if (value !== '')
          warnings.push(`${name}=${show} is not one of ${kind.values.join(', ')}; kept ${String(target[name])}.`);
        break;
      case 'bool':
        // TF Playground: any value but "false" means true.
        if (value !== '') target[name] = value !== 'false';
        break;
      case 'number': {
        if (value === '') break;
        const n = Number(value);
        if (!Number.isFinite(n)) {
          warnings.push(`${name}=${show} is not a number; kept ${String(target[name])}.`);
          break;
        }
        let v = kind.integer ? Math.round(n) : n;
        v = clamp(v, kind.min, kind.max);
        if (v !== n) warnings.push(`${name}=${show} was changed to ${v} (allowed ${kind.min} to ${kind.max}).`);
        target[name] = v;
        break;
      }
      case 'shape': {
        const parts = value === '' ? [] : value.split(',');
        const shape: number[] = [];
        let changed = false;
        for (const p of parts.slice(0, LIMITS.layers[1])) {
          const n = Number(p);
          // An empty part ("4,,2" or a trailing comma) is dropped, not read as Number('') = 0.
          if (p.trim() === '' || !Number.isFinite(n)) {
            changed = true;
            continue;
          }
          const u = clamp(Math.round(n), LIMITS.units[0], LIMITS.units[1]);
          if (u !== n) changed = true;
          shape.push(u);
        }
        if (parts.length > LIMITS.layers[1]) changed = true;
        if (changed)
          warnings.push(
            `networkShape=${show} was changed to ${shape.join(',') || '(no hidden layer)'} (up to ${LIMITS.layers[1]} layers of ${LIMITS.units[0]} to ${LIMITS.units[1]} units).`,
          );
        state.networkShape = shape;
        break;
      }
      case 'seed':
        if (/^\d{1,10}(\.\d{1,20})?$|^0?\.\d{1,20}$/.test(value)) state.seed = value;
        else if (value !== '') warnings.push(`seed=${show} is not a decimal number; kept ${state.seed}.`);
        break;
    }
  }
  for (const name of map.keys()) {
    if (IGNORED_KEYS.has(name) || name.endsWith('_hide')) continue;
    warnings.push(`Unknown setting ${JSON.stringify(name.slice(0, 40))} was ignored.`);
  }
  return { state, warnings };
}

export function serializeState(state: State): string {
  const props: string[] = [];
  for (const [name, kind] of PROPS) {
    const value = state[name];
    // Every value is a number, a fixed word or a validated seed, so nothing needs escaping
    // (and commas stay readable, as in TF Playground's links).
    const text = kind.kind === 'shape' ? (value as number[]).join(',') : String(value);
    props.push(`${name}=${text}`);
  }
  return props.join('&');
}

export function cloneState(s: Readonly<State>): State {
  return { ...s, networkShape: [...s.networkShape] };
}

export function activeFeatures(s: State): Feature[] {
  return FEATURES.filter((f) => s[f]);
}
