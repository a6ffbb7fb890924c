// The convolutional-network figure's worker: it fetches and decodes Fashion-MNIST (the same
// files as the images section, so the browser's cache serves them once), keeps the images in
// WASM memory as uint8 datasets scaled by 1/255 inside the engine, and trains two networks on
// them epoch by epoch: the package's FASHION_MNIST_CNN_RECIPE (rw.createConvNet) and, for the
// comparison, its MLP recipe (784-128-10). Epoch e of either is one trainOnAsync call shuffled
// with seed e, at the recipe's learning rate for epoch e. After each epoch both are evaluated on all 10 000 test images, in chunks.
// The pre-activation feature maps come from a linear twin of the first convolution: a network
// with activation 'linear' given the same first-layer weights (getParams/setParams).
// Requests run one at a time, in order.
import { loadRelu, type ConvNet, type Dataset, type MLP } from 'relu-wasm';
import {
  FASHION_MNIST_CNN_RECIPE as C,
  FASHION_MNIST_RECIPE as M,
  concatImageSets,
  recipeLearningRate,
  type ImageSet,
} from 'relu-wasm/datasets';

import { answer as answerWith, fetchImageSets, post as postReply } from '../fashion-mnist/serve.js';
import type { FeatureMaps, Reply, Request, Result, RunPoint } from './protocol.js';

const PIXELS = 784;
/** Test images evaluated per engine call (so progress reports and the thread stay lively). */
const EVALUATE_CHUNK = 1000;
/** At most this often, in ms, an epoch reports its progress. */
const PROGRESS_MS = 100;
/** Test images offered to the reader: the first of each class. */
const CLASSES = 10;

const rwPromise = loadRelu();
let train: Dataset | null = null;
let test: Dataset | null = null;
let testSet: ImageSet | null = null;
let cnn: ConvNet | null = null;
let twin: ConvNet | null = null;
let mlp: MLP | null = null;
let cnnPoint: RunPoint = { epoch: 0, accuracy: NaN, trainSeconds: 0, loss: NaN };
let mlpPoint: RunPoint = { ...cnnPoint };

const post = (reply: Reply, transfer?: Transferable[]): void => postReply(reply, transfer);

async function load(id: number, testUrl: string, trainUrls: string[]): Promise<Result> {
  const rw = await rwPromise;
  const sets = await fetchImageSets(testUrl, trainUrls, (loaded) =>
    post({ id, type: 'progress', note: { kind: 'bytes', loaded } }),
  );
  testSet = sets.test!;
  const trainSet = concatImageSets(sets.train);
  const count = Math.min(C.trainImages, trainSet.count);
  train?.dispose();
  test?.dispose();
  train = rw.createDataset(trainSet.pixels.subarray(0, count * PIXELS), trainSet.labels.subarray(0, count), {
    features: PIXELS,
    scale: C.scale,
  });
  test = rw.createDataset(testSet.pixels, testSet.labels, { features: PIXELS, scale: C.scale });
  const samples: number[] = [];
  for (let k = 0; k < CLASSES; k++) samples.push(testSet.labels.indexOf(k));
  return { kind: 'loaded', trainCount: count, testCount: testSet.count, samples };
}

/** Fresh networks from the recipes' seeds (epoch 0), measured on the test images. */
async function init(id: number, sample: number): Promise<Result> {
  const rw = await rwPromise;
  if (!train || !test || !testSet) throw new Error('the data is not loaded yet');
  cnn?.dispose();
  twin?.dispose();
  mlp?.dispose();
  const options = { input: C.input, activation: C.activation, loss: C.loss, seed: C.seed };
  cnn = rw.createConvNet({ ...options, layers: C.layers });
  // The first convolution alone (the last layer must be dense: its output is not used).
  twin = rw.createConvNet({ ...options, layers: [C.layers[0], { dense: CLASSES }], activation: 'linear' });
  mlp = rw.createMLP({ sizes: M.sizes, activation: M.activation, loss: M.loss, seed: M.seed });
  // Fresh weights score about chance: measured, so the comparison's lines start at 0 s.
  cnnPoint = { epoch: 0, accuracy: await accuracyOf(id, cnn, 'cnn'), trainSeconds: 0, loss: NaN };
  mlpPoint = { epoch: 0, accuracy: await accuracyOf(id, mlp, 'mlp'), trainSeconds: 0, loss: NaN };
  return snapshot(sample);
}

/** One epoch of `net` on the training set, reporting its progress; returns the mean loss and the seconds it took. */
async function epochOf(id: number, net: ConvNet | MLP, network: 'cnn' | 'mlp', epoch: number) {
  const data = train!;
  const r = network === 'cnn' ? C : M;
  const steps = Math.ceil(data.rows / r.batchSize);
  let reported = 0;
  const started = performance.now();
  const loss = await net.trainOnAsync(data, {
    epochs: 1,
    seed: epoch,
    batchSize: r.batchSize,
    optimizer: r.optimizer,
    lr: recipeLearningRate(r, epoch),
    onProgress: (done) => {
      const now = performance.now();
      if (now - reported < PROGRESS_MS) return;
      reported = now;
      post({ id, type: 'progress', note: { kind: 'epoch', network, fraction: done / steps } });
    },
  });
  return { loss, seconds: (performance.now() - started) / 1000 };
}

/** Test accuracy over all test images, EVALUATE_CHUNK at a time. */
async function accuracyOf(id: number, net: ConvNet | MLP, network: 'cnn' | 'mlp'): Promise<number> {
  const data = test!;
  let correct = 0;
  for (let first = 0; first < data.rows; first += EVALUATE_CHUNK) {
    correct += net.evaluate(data, { first, count: EVALUATE_CHUNK }).correct;
    const fraction = Math.min(1, (first + EVALUATE_CHUNK) / data.rows);
    post({ id, type: 'progress', note: { kind: 'evaluate', network, fraction } });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return correct / data.rows;
}

/** One more epoch of `net`, then its test accuracy: the next point of its line. */
async function nextPoint(id: number, net: ConvNet | MLP, network: 'cnn' | 'mlp', point: RunPoint): Promise<RunPoint> {
  const { loss, seconds } = await epochOf(id, net, network, point.epoch);
  return {
    epoch: point.epoch + 1,
    loss,
    trainSeconds: point.trainSeconds + seconds,
    accuracy: await accuracyOf(id, net, network),
  };
}

async function runEpoch(id: number, sample: number): Promise<Result> {
  if (!cnn || !mlp) throw new Error('no network: initialise one first');
  cnnPoint = await nextPoint(id, cnn, 'cnn', cnnPoint);
  mlpPoint = await nextPoint(id, mlp, 'mlp', mlpPoint);
  return snapshot(sample);
}

function snapshot(sample: number): Result {
  const { W } = cnn!.getParams(0);
  const first = C.layers[0];
  return {
    kind: 'snapshot',
    snapshot: { cnn: cnnPoint, mlp: mlpPoint, filters: W, kernel: first.kernel, maps: featureMaps(sample) },
  };
}

/** The first convolution's output for test image `index`, before ReLU (the linear twin) and after (the network). */
function featureMaps(index: number): FeatureMaps {
  const set = testSet!;
  if (!Number.isInteger(index) || index < 0 || index >= set.count)
    throw new RangeError(`the test image must be from 0 to ${set.count - 1}, got ${index}`);
  const pixels = set.pixels.slice(index * PIXELS, (index + 1) * PIXELS);
  const x = Float32Array.from(pixels, (v) => v * C.scale);
  const { W, b } = cnn!.getParams(0);
  twin!.setParams(0, W, b);
  const pre = twin!.activations(x)[0]!;
  const outputs = cnn!.activations(x);
  const post = outputs[0]!;
  const logits = outputs[outputs.length - 1]!;
  const filters = C.layers[0].conv;
  const per = post.length / filters;
  const zeroed: number[] = [];
  for (let f = 0; f < filters; f++) {
    let n = 0;
    for (let i = f * per; i < (f + 1) * per; i++) if (post[i] === 0) n++;
    zeroed.push(n);
  }
  let predicted = 0;
  for (let k = 1; k < logits.length; k++) if (logits[k]! > logits[predicted]!) predicted = k;
  return { index, label: set.labels[index]!, pixels, pre, post, zeroed, predicted };
}

async function handle(request: Request): Promise<Result> {
  switch (request.type) {
    case 'load':
      return load(request.id, request.test, request.train);
    case 'init':
      return init(request.id, request.sample);
    case 'epoch':
      return runEpoch(request.id, request.sample);
    case 'maps':
      if (!cnn) throw new Error('no network: initialise one first');
      return { kind: 'maps', maps: featureMaps(request.sample) };
  }
}

function transfers(result: Result): Transferable[] {
  const maps = result.kind === 'snapshot' ? result.snapshot.maps : result.kind === 'maps' ? result.maps : null;
  const out: Transferable[] = maps ? [maps.pre.buffer, maps.post.buffer, maps.pixels.buffer] : [];
  if (result.kind === 'snapshot') out.push(result.snapshot.filters.buffer);
  return out;
}

// One request at a time, in the order they came.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  // A picked image is drawn at once, between two chunks of an epoch in flight.
  if (request.type === 'maps' && cnn) {
    void answer(request);
    return;
  }
  queue = queue.then(() => answer(request));
};

const answer = (request: Request): Promise<void> => answerWith(request, handle, transfers);
