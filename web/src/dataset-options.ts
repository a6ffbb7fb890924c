// Options of the calls over a Dataset (net.trainOn, net.trainOnAsync, net.evaluate), checked
// against the one option table (option-specs.ts) like every other option.
import { checkOptions, describe } from './checks.js';
import {
  checkTrainOptions,
  readNumber,
  type EngineTrainLoop,
  type EngineTrainOptions,
  type TrainAsyncOptions,
  type TrainLoopOptions,
} from './mlp-options.js';
import { EPOCH_OPTION_SPECS, EVALUATE_OPTION_SPECS, LOOP_OPTION_SPECS, TRAIN_OPTION_SPECS } from './option-specs.js';

export interface DatasetTrainOptions extends TrainLoopOptions {
  /**
   * Passes over the dataset, default 1, when `steps` is not given (give one or the other):
   * steps = epochs * ceil(rows / batchSize). Pass a new `seed` per call to shuffle each call's
   * epochs differently.
   */
  epochs?: number;
}

/** trainOnAsync's options: trainOn's, plus `signal` and `onProgress` as in `trainAsync`. */
export type DatasetTrainAsyncOptions = DatasetTrainOptions & Pick<TrainAsyncOptions, 'signal' | 'onProgress'>;

export interface EvaluateOptions {
  /** First row evaluated, default 0. */
  first?: number;
  /** Rows evaluated, default (and capped at) the rows from `first` to the end. */
  count?: number;
}

const TRAIN_KEYS = Object.keys(TRAIN_OPTION_SPECS);
const LOOP_KEYS = Object.keys(LOOP_OPTION_SPECS);
const DATA_KEYS = [...TRAIN_KEYS, ...LOOP_KEYS, ...Object.keys(EPOCH_OPTION_SPECS)];
const DATA_ASYNC_KEYS = [...DATA_KEYS, 'signal', 'onProgress'];

/** The engine loop and update options of trainOn / trainOnAsync over `rows` rows. */
export function checkDataTrainOptions(
  value: unknown,
  rows: number,
  async: boolean,
): {
  loop: EngineTrainLoop;
  options: EngineTrainOptions;
  signal: AbortSignal | undefined;
  onProgress: DatasetTrainAsyncOptions['onProgress'];
} {
  const o = checkOptions<DatasetTrainAsyncOptions>(value, 'options', async ? DATA_ASYNC_KEYS : DATA_KEYS);
  const own = (key: string) =>
    Object.prototype.hasOwnProperty.call(o, key) && (o as Record<string, unknown>)[key] !== undefined;
  // The update options are checked by the same function as trainStep's.
  const update = Object.fromEntries(TRAIN_KEYS.filter(own).map((k) => [k, (o as Record<string, unknown>)[k]]));
  const options = checkTrainOptions(update, 'options');
  const batchSize = readNumber(LOOP_OPTION_SPECS.batchSize, o.batchSize, 'options.batchSize');
  const seed = readNumber(LOOP_OPTION_SPECS.seed, o.seed, 'options.seed');
  let steps: number;
  if (own('steps')) {
    if (own('epochs')) throw new TypeError('options.epochs and options.steps were both given: give one or the other');
    steps = readNumber(LOOP_OPTION_SPECS.steps, o.steps, 'options.steps');
  } else {
    const epochs = readNumber(EPOCH_OPTION_SPECS.epochs, o.epochs, 'options.epochs');
    steps = epochs * Math.ceil(rows / Math.min(batchSize, rows));
    if (steps > LOOP_OPTION_SPECS.steps.max) {
      throw new RangeError(
        `options.epochs is ${epochs}: ${steps} steps exceed the limit of ${LOOP_OPTION_SPECS.steps.max} per call`,
      );
    }
  }
  if (o.signal !== undefined && !(typeof AbortSignal !== 'undefined' && o.signal instanceof AbortSignal)) {
    throw new TypeError(`options.signal must be an AbortSignal, got ${describe(o.signal)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`options.onProgress must be a function, got ${describe(o.onProgress)}`);
  }
  return {
    loop: { batchSize, steps, seed, firstStep: 0, lossSum: 0 },
    options,
    signal: o.signal,
    onProgress: o.onProgress,
  };
}

/** evaluate's row range over `rows` rows. */
export function checkEvaluateOptions(value: unknown, rows: number): { first: number; count: number } {
  const o = checkOptions<EvaluateOptions>(value, 'options', Object.keys(EVALUATE_OPTION_SPECS));
  const first = readNumber(EVALUATE_OPTION_SPECS.first, o.first, 'options.first');
  if (first >= rows) throw new RangeError(`options.first is ${first}, but the dataset's rows are 0 to ${rows - 1}`);
  const count = readNumber(EVALUATE_OPTION_SPECS.count, o.count, 'options.count');
  return { first, count: Math.min(count, rows - first) };
}
