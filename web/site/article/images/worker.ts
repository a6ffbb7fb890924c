// The section's training worker: it fetches and decodes Fashion-MNIST (so the page's main
// thread never decodes megabytes), keeps the images in WASM memory as uint8 datasets scaled by
// 1/255 inside the engine, trains the reader's network one epoch per request (net.trainOnAsync,
// epoch e shuffled with seed e: the package's FASHION_MNIST_RECIPE, bit for bit), and measures
// it after each epoch. Requests run one at a time, in order.
import { loadRelu, type Activation, type Dataset, type MLP, type ReluWasm } from 'relu-wasm';
import { FASHION_MNIST_RECIPE as R, concatImageSets, type ImageSet } from 'relu-wasm/datasets';

import { answer, fetchImageSets, post as postReply } from '../fashion-mnist/serve.js';
import type { LayerStats, NetConfig, Progress, Reply, Request, Result, Snapshot } from './protocol.js';

const PIXELS = 784;
const CLASSES = 10;
/** Training images evaluated for the "train accuracy" curve (the first ones). */
const TRAIN_PROBE = 10_000;
/** Test images whose hidden outputs give the sparsity and dead-unit counts. */
const PROBE = 500;
/** Test images each comparison point is measured on, and how often (per epoch) it measures. */
const COMPARE_PROBE = 2000;
const COMPARE_POINTS_PER_EPOCH = 4;
/** Misclassified test images sent with each snapshot: at most 2 per true class. */
const WRONG_PER_CLASS = 2;
/** At most this often, in ms, an epoch reports its progress. */
const PROGRESS_MS = 100;
/** Test images (2 per class) offered as samples to the draw pad. */
const SAMPLES_PER_CLASS = 2;

const rwPromise = loadRelu();
let trainSet: ImageSet | null = null;
let testSet: ImageSet | null = null;
let train: Dataset | null = null;
let test: Dataset | null = null;
let probeX: Float32Array | null = null;
let net: MLP | null = null;
let config: NetConfig | null = null;
let epoch = 0;
let trainSeconds = 0;
let lastLoss = NaN;

const post = (reply: Reply, transfer?: Transferable[]): void => postReply(reply, transfer);

/** Hidden layers this page offers (the package allows far more; time and memory do not). */
const MAX_DEPTH = 8;

/** 784, the hidden layers, 10. The widths are checked by the package; the depth is this page's own choice. */
function sizesOf(c: NetConfig): number[] {
  if (!Number.isInteger(c.depth) || c.depth < 0 || c.depth > MAX_DEPTH)
    throw new RangeError(`hidden layers must be a whole number from 0 to ${MAX_DEPTH}, got ${c.depth}`);
  return [PIXELS, ...Array.from({ length: c.depth }, () => c.width), CLASSES];
}

async function load(id: number, testUrl: string | null, trainUrls: string[]): Promise<Result> {
  const rw = await rwPromise;
  const sets = await fetchImageSets(testUrl, trainUrls, (loaded) =>
    post({ id, type: 'progress', note: { kind: 'bytes', loaded, total: NaN } }),
  );
  if (sets.test) testSet = sets.test;
  // A load with the test set starts afresh; one without adds training parts to those loaded.
  const parts: ImageSet[] = testUrl === null && trainSet ? [trainSet, ...sets.train] : sets.train;
  if (!testSet || parts.length === 0) throw new Error('the test set and a training part are both needed');
  trainSet = concatImageSets(parts);
  train?.dispose();
  train = rw.createDataset(trainSet.pixels, trainSet.labels, { features: PIXELS, scale: R.scale });
  if (!test) {
    test = rw.createDataset(testSet.pixels, testSet.labels, { features: PIXELS, scale: R.scale });
    probeX = Float32Array.from(testSet.pixels.subarray(0, PROBE * PIXELS), (v) => v * R.scale);
  }
  // The first test images of each class, for the draw pad.
  const indices: number[] = [];
  for (let k = 0; k < CLASSES; k++) {
    for (let i = 0, n = 0; i < testSet.count && n < SAMPLES_PER_CLASS; i++) {
      if (testSet.labels[i] === k) {
        indices.push(i);
        n++;
      }
    }
  }
  return {
    kind: 'loaded',
    trainCount: trainSet.count,
    testCount: testSet.count,
    samples: {
      pixels: gather(testSet, indices),
      labels: Uint8Array.from(indices, (i) => testSet!.labels[i]!),
      indices,
    },
  };
}

/** The pixels of `indices`' images, one after the other. */
function gather(set: ImageSet, indices: number[]): Uint8Array {
  const out = new Uint8Array(indices.length * PIXELS);
  indices.forEach((i, j) => out.set(set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS), j * PIXELS));
  return out;
}

function datasets(): [Dataset, Dataset, ImageSet] {
  if (!train || !test || !testSet) throw new Error('the data is not loaded yet');
  return [train, test, testSet];
}

async function init(c: NetConfig): Promise<Result> {
  const rw = await rwPromise;
  datasets();
  net?.dispose();
  net = null;
  config = c;
  epoch = 0;
  trainSeconds = 0;
  lastLoss = NaN;
  // createMLP checks the sizes and the activation: its typed error goes back to the page.
  net = rw.createMLP({ sizes: sizesOf(c), activation: c.activation, loss: 'softmax_ce', seed: R.seed });
  return { kind: 'snapshot', snapshot: snapshot(net) };
}

function trainOptions(c: NetConfig) {
  return { batchSize: c.batchSize, optimizer: c.optimizer, lr: c.lr };
}

async function runEpoch(id: number): Promise<Result> {
  if (!net || !config) throw new Error('no network: initialise one first');
  const [trainData] = datasets();
  const steps = Math.ceil(trainData.rows / Math.min(Math.max(1, Math.floor(config.batchSize)), trainData.rows));
  let reported = 0;
  const started = performance.now();
  lastLoss = await net.trainOnAsync(trainData, {
    ...trainOptions(config),
    epochs: 1,
    seed: epoch,
    onProgress: (done, loss) => {
      const now = performance.now();
      if (now - reported < PROGRESS_MS) return;
      reported = now;
      post({ id, type: 'progress', note: { kind: 'epoch', fraction: done / steps, loss } });
    },
  });
  trainSeconds += (performance.now() - started) / 1000;
  epoch++;
  return { kind: 'snapshot', snapshot: snapshot(net) };
}

/** Hidden layers' zero share and dead units on the first PROBE test images. */
function layerStats(n: MLP): LayerStats[] {
  const acts = n.activations(probeX!);
  const dead = n.deadUnits(probeX!);
  return dead.map((units, h) => {
    const a = acts[h]!;
    let zeros = 0;
    for (const v of a) if (v === 0) zeros++;
    return { units: n.sizes[h + 1]!, zeroShare: zeros / a.length, dead: units.length };
  });
}

function snapshot(n: MLP): Snapshot {
  const [trainData, testData, testImages] = datasets();
  const testEval = n.evaluate(testData);
  const trainEval = n.evaluate(trainData, { count: TRAIN_PROBE });
  const wrongIdx: number[] = [];
  const perClass = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < testEval.predictions.length && wrongIdx.length < CLASSES * WRONG_PER_CLASS; i++) {
    const label = testImages.labels[i]!;
    if (testEval.predictions[i] !== label && perClass[label]! < WRONG_PER_CLASS) {
      perClass[label]!++;
      wrongIdx.push(i);
    }
  }
  const params = Array.from({ length: n.sizes.length - 1 }, (_, l) => n.getParams(l));
  return {
    epoch,
    trainSeconds,
    trainLoss: lastLoss,
    trainAccuracy: trainEval.accuracy,
    testLoss: testEval.loss,
    testAccuracy: testEval.accuracy,
    confusion: testEval.confusion,
    wrong: {
      pixels: gather(testImages, wrongIdx),
      labels: Uint8Array.from(wrongIdx, (i) => testImages.labels[i]!),
      predicted: Uint8Array.from(wrongIdx, (i) => testEval.predictions[i]!),
    },
    params,
    layers: layerStats(n),
  };
}

/**
 * The same network with each activation, trained in turns (a quarter epoch each, the same
 * shuffles for all), each measured on the first COMPARE_PROBE test images after its turn.
 * Time is each network's own training time, so the turns do not favour anyone.
 */
async function compare(id: number, c: NetConfig, activations: Activation[], epochs: number): Promise<Result> {
  const rw: ReluWasm = await rwPromise;
  const [trainData, testData] = datasets();
  const nets = activations.map((activation) =>
    rw.createMLP({ sizes: sizesOf(c), activation, loss: 'softmax_ce', seed: R.seed }),
  );
  try {
    const seconds = activations.map(() => 0);
    const perEpoch = Math.ceil(trainData.rows / Math.min(Math.max(1, Math.floor(c.batchSize)), trainData.rows));
    const turn = Math.ceil(perEpoch / COMPARE_POINTS_PER_EPOCH);
    const turns = epochs * COMPARE_POINTS_PER_EPOCH;
    const point = (k: number, epochsDone: number): void => {
      const accuracy = nets[k]!.evaluate(testData, { count: COMPARE_PROBE }).accuracy;
      const note: Progress = {
        kind: 'compare',
        activation: activations[k]!,
        seconds: seconds[k]!,
        accuracy,
        epochs: epochsDone,
      };
      post({ id, type: 'progress', note });
    };
    nets.forEach((_, k) => point(k, 0));
    for (let t = 0; t < turns; t++) {
      for (const [k, n] of nets.entries()) {
        const started = performance.now();
        n.trainOn(trainData, { ...trainOptions(c), steps: turn, seed: t });
        seconds[k]! += (performance.now() - started) / 1000;
        point(k, (t + 1) / COMPARE_POINTS_PER_EPOCH);
        // Let the page's other requests and messages in between turns.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    const finals = nets.map((n, k) => ({
      activation: activations[k]!,
      accuracy: n.evaluate(testData).accuracy,
      seconds: seconds[k]!,
    }));
    return { kind: 'compared', finals };
  } finally {
    for (const n of nets) n.dispose();
  }
}

/** The typed arrays of a result, handed over instead of copied. */
function transfers(result: Result): Transferable[] {
  if (result.kind === 'loaded') return [result.samples.pixels.buffer, result.samples.labels.buffer];
  if (result.kind !== 'snapshot') return [];
  const s = result.snapshot;
  return [
    s.confusion.buffer,
    s.wrong.pixels.buffer,
    s.wrong.labels.buffer,
    s.wrong.predicted.buffer,
    ...s.params.flatMap((p) => [p.W.buffer, p.b.buffer]),
  ];
}

function handle(request: Request): Promise<Result> {
  switch (request.type) {
    case 'load':
      return load(request.id, request.test, request.train);
    case 'init':
      return init(request.config);
    case 'epoch':
      return runEpoch(request.id);
    case 'compare':
      return compare(request.id, request.config, request.activations, request.epochs);
  }
}

let queue: Promise<void> = Promise.resolve();
self.addEventListener('message', (event: MessageEvent<Request>) => {
  const request = event.data;
  queue = queue.then(() => answer(request, handle, transfers));
});
