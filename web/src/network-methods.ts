// The plumbing behind EngineNetwork's methods (internal, not exported by the package):
// copying X and Y into the scratch area with their shapes checked, reading the engine's
// result slots, evaluation over a dataset, and turning a failed Status into a typed error.
// A network's NetworkShape carries its sizes and the words its messages use.
import { checkFloatInput, type FloatInput } from './checks.js';
import { datasetHandle, type Dataset } from './dataset.js';
import type { LossKind } from './mlp-options.js';
import type { Evaluation, Targets } from './mlp.js';
import { STATUS_NAMES } from './option-specs.js';
import type { TrainResult } from './train-chunks.js';
import type { WasmHeap } from './wasm-heap.js';

const OUT_OF_MEMORY = STATUS_NAMES.indexOf('OutOfMemory');
const INVALID_STATE = STATUS_NAMES.indexOf('InvalidState');

/** What the shared code needs to know of a network's shape. */
export interface NetworkShape {
  /** Floats per input row, and outputs per row. */
  inputs: number;
  outputs: number;
  loss: LossKind;
  /** How X's rows are named when X's length does not divide: "rows of 3 inputs". */
  rowsOf: string;
  /** What a dataset's features must match: "the network's sizes[0] is 2". */
  inputNeeds: string;
}

/** Throws the typed error for a failed Status (nothing for 0); `lastError` is the engine's message. */
export function checkStatus(
  status: number,
  method: string,
  lastError: () => string,
  tooLarge = 'X has too many rows for this network',
): void {
  if (status === 0) return;
  let reason = lastError();
  // Some engine messages already start with the method's name; say it once.
  if (reason.startsWith(`${method}: `)) reason = reason.slice(method.length + 2);
  // Running out of memory mid-call depends only on how many rows X has (the workspace).
  if (status === OUT_OF_MEMORY) reason = `${tooLarge}: ${reason}`;
  const message = `${method}: ${reason}`;
  if (status === INVALID_STATE) throw new Error(message);
  const error = new RangeError(message);
  Object.defineProperty(error, 'status', { value: STATUS_NAMES[status] ?? String(status) });
  throw error;
}

/**
 * Copies X (and Y) into the scratch area after a 24-byte slot for the engine's result (a
 * double loss or a TrainResult), reserving `extra` floats after them. Shapes are checked here;
 * values (NaN, labels out of range) by the engine.
 */
export function copyData(heap: WasmHeap, shape: NetworkShape, X: FloatInput, Y: Targets | undefined, extra: number) {
  const { inputs, loss } = shape;
  const xLen = checkFloatInput(X, 'X');
  if (xLen === 0) throw new RangeError('X is empty: it needs at least one row');
  if (xLen % inputs !== 0) {
    throw new RangeError(`X has ${xLen} values, which is not a whole number of ${shape.rowsOf}`);
  }
  const rows = xLen / inputs;
  let yLen = 0;
  if (Y !== undefined) {
    yLen = checkFloatInput(Y, 'Y');
    const width = loss === 'mse' ? shape.outputs : 1;
    if (yLen !== rows * width) {
      const what =
        loss === 'mse' ? `${rows} rows x ${width} outputs` : `one ${loss === 'bce' ? 'label' : 'class index'} per row`;
      throw new RangeError(`Y has ${yLen} values but X has ${rows} rows: expected ${rows * width} (${what})`);
    }
  }
  const [input, targets] = [heap.locate(X), heap.locate(Y)];
  const base = heap.scratch(6 + xLen + yLen + extra, Y === undefined ? 'X' : 'X and Y');
  const x = base + 24;
  const y = x + 4 * xLen;
  heap.f32(x, xLen).set(input());
  if (Y !== undefined) heap.f32(y, yLen).set(targets()!);
  return { slot: base, x, xLen, y, yLen, rows, extra: y + 4 * yLen };
}

/** The double loss the engine wrote at `slot`. */
export function readLoss(heap: WasmHeap, slot: number): number {
  return new Float64Array(heap.module.HEAPU8.buffer, slot, 1)[0]!;
}

/** The TrainResult (24 bytes) the engine wrote at `slot`. */
export function readTrainResult(heap: WasmHeap, slot: number): TrainResult {
  const buffer = heap.module.HEAPU8.buffer;
  const [meanLoss, lossSum] = new Float64Array(buffer, slot, 2);
  return { meanLoss: meanLoss!, lossSum: lossSum!, stepsRun: new Int32Array(buffer, slot + 16, 1)[0]! };
}

/**
 * evaluate's result: `run(predictionsAt, confusionAt, resultAt)` makes the engine call, which
 * writes the result (6 floats' room), the predictions, then adds to the zeroed confusion counts.
 */
export function evaluateRows(
  heap: WasmHeap,
  classes: number,
  first: number,
  count: number,
  run: (predictionsAt: number, confusionAt: number, resultAt: number) => void,
): Evaluation {
  const m = heap.module;
  const predicted = classes === 0 ? 0 : count;
  const at = heap.scratch(6 + predicted + classes * classes, `the predictions of ${count} rows`);
  const confusionAt = at + 24 + 4 * predicted;
  new Uint32Array(m.HEAPU8.buffer, confusionAt, classes * classes).fill(0);
  run(at + 24, confusionAt, at);
  const buffer = m.HEAPU8.buffer;
  const [loss, accuracy] = new Float64Array(buffer, at, 2);
  const [rows, correct] = new Uint32Array(buffer, at + 16, 2);
  return {
    loss: loss!,
    accuracy: accuracy!,
    correct: correct!,
    first,
    rows: rows!,
    classes,
    predictions: new Int32Array(buffer, at + 24, predicted).slice(),
    confusion: new Uint32Array(buffer, confusionAt, classes * classes).slice(),
  };
}

/** The handle of `data`, checked against the network's input and loss (the engine checks the labels). */
export function fittingDataset(heap: WasmHeap, shape: NetworkShape, data: Dataset): number {
  const handle = datasetHandle(data, heap, 'data');
  const width = shape.loss === 'mse' ? shape.outputs : 1;
  if (data.features !== shape.inputs) {
    throw new RangeError(`data has ${data.features} features per row but ${shape.inputNeeds}`);
  }
  if (data.targetWidth !== width) {
    throw new RangeError(`data has ${data.targetWidth} targets per row but loss '${shape.loss}' needs ${width}`);
  }
  return handle;
}
