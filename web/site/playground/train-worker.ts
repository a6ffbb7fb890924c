// The training worker: it owns the relu-wasm instance and the network, answers each request
// in order, and sends typed arrays back as transferables so the page never waits on copies.
import { DIVERGENCE_FACTOR, hasDiverged, loadRelu, type GradientCheck, type MLP } from 'relu-wasm';
import type { DataMessage, Frame, LayerJSON, Reply, Request, TrainConfig } from './protocol.js';

const rwPromise = loadRelu();
let net: MLP | null = null;
let data: DataMessage | null = null;
let train: TrainConfig | null = null;
let steps = 0;
let batchCalls = 0;
let diverged: string | null = null;
/**
 * The reference of the package's divergence rule: the training loss of the first frame after
 * init, or after the reader edited the data or a bias (a jump they caused is not divergence).
 */
let firstLoss: number | null = null;
/** The hidden unit whose output each frame carries on the big grid (hover or focus on the page). */
let focused: { layer: number; unit: number } | null = null;

function send(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

function params(n: MLP): LayerJSON[] {
  const out: LayerJSON[] = [];
  for (let l = 0; l < n.sizes.length - 1; l++) out.push(n.getParams(l));
  return out;
}

function allFinite(layers: LayerJSON[]): boolean {
  for (const { W, b } of layers) {
    for (const v of W) if (!Number.isFinite(v)) return false;
    for (const v of b) if (!Number.isFinite(v)) return false;
  }
  return true;
}

function rows(X: Float32Array, n: MLP): number {
  return X.length / n.sizes[0]!;
}

/** Data loss (no penalty), as TF Playground shows it; NaN for an empty set. */
function lossOf(n: MLP, X: Float32Array, Y: Float32Array | Int32Array): number {
  if (rows(X, n) === 0) return NaN;
  return n.lossAndGradients(X, Y).loss;
}

/**
 * The training set's data loss (no penalty, as TF Playground shows it; NaN for an empty set) and
 * the gradient training follows (data loss plus the penalty; zeros for an empty set). One
 * backward pass when there is no penalty.
 */
function trainLossAndGrads(n: MLP, d: DataMessage, t: TrainConfig | null): { loss: number; grads: LayerJSON[] } {
  if (rows(d.trainX, n) === 0) {
    const grads = n.sizes
      .slice(1)
      .map((out, l) => ({ W: new Float32Array(out * n.sizes[l]!), b: new Float32Array(out) }));
    return { loss: NaN, grads };
  }
  const data = n.lossAndGradients(d.trainX, d.trainY);
  const penalty = { l1: t?.l1 ?? 0, l2: t?.l2 ?? 0 };
  const { grads } = penalty.l1 || penalty.l2 ? n.lossAndGradients(d.trainX, d.trainY, penalty) : data;
  return { loss: data.loss, grads: grads.map((g) => ({ W: g.dW, b: g.db })) };
}

/** The focused hidden unit's output on the big grid, or null when none (or it no longer exists). */
function focusOf(n: MLP, d: DataMessage): Frame['focus'] {
  if (!focused) return null;
  const { layer, unit } = focused;
  const units = n.sizes[layer + 1];
  if (layer >= n.sizes.length - 2 || units === undefined || unit >= units) return null;
  const acts = n.activations(d.gridX)[layer]!;
  const values = new Float32Array(acts.length / units);
  for (let i = 0; i < values.length; i++) values[i] = acts[i * units + unit]!;
  return { layer, unit, values };
}

function accuracy(n: MLP, X: Float32Array, Y: Float32Array | Int32Array): number {
  const m = rows(X, n);
  if (m === 0 || n.loss === 'mse') return NaN;
  const p = n.predict(X);
  const k = n.sizes[n.sizes.length - 1]!;
  let correct = 0;
  for (let i = 0; i < m; i++) {
    let cls: number;
    if (k === 1) cls = p[i]! > 0.5 ? 1 : 0;
    else {
      cls = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + cls]!) cls = c;
    }
    if (cls === Y[i]) correct++;
  }
  return correct / m;
}

function frame(n: MLP, d: DataMessage): Frame {
  const layers = params(n);
  const { loss: trainLoss, grads } = trainLossAndGrads(n, d, train);
  const testLoss = lossOf(n, d.testX, d.testY);
  // An empty training set has no loss (NaN) and nothing that could diverge.
  if (rows(d.trainX, n) > 0) {
    firstLoss ??= trainLoss;
    if (!diverged && (!allFinite(layers) || !Number.isFinite(trainLoss)))
      diverged = 'The loss became NaN or infinite: the weights overflowed.';
    else if (!diverged && hasDiverged(trainLoss, firstLoss)) {
      diverged = `The loss grew to ${trainLoss.toExponential(2)}, more than ${DIVERGENCE_FACTOR} times its first value (${firstLoss.toExponential(2)}).`;
    }
  }
  const acts = n.activations(d.neuronGridX);
  acts.pop(); // the output logits; the output is drawn from predict() on the fine grid
  return {
    type: 'frame',
    steps,
    trainLoss,
    testLoss,
    trainAcc: accuracy(n, d.trainX, d.trainY),
    testAcc: accuracy(n, d.testX, d.testY),
    output: n.predict(d.gridX),
    outputs: n.sizes[n.sizes.length - 1]!,
    neurons: acts,
    layers,
    grads,
    focus: focusOf(n, d),
    dead: rows(d.trainX, n) > 0 ? n.deadUnits(d.trainX) : n.sizes.slice(1, -1).map(() => []),
    diverged,
  };
}

function sendFrame(id: number, n: MLP, d: DataMessage): void {
  const f = frame(n, d);
  const transfer: Transferable[] = [f.output.buffer, ...f.neurons.map((a) => a.buffer)];
  for (const { W, b } of [...f.layers, ...f.grads]) transfer.push(W.buffer, b.buffer);
  if (f.focus) transfer.push(f.focus.values.buffer);
  send({ id, ...f }, transfer);
}

/**
 * The package's gradient check on the training set: centred differences of the loss in double
 * precision inside the engine, with the checks that crossed a ReLU kink counted apart.
 */
function gradCheck(n: MLP, d: DataMessage, t: TrainConfig): { check: GradientCheck; worstName: string } {
  const check = n.gradientCheck(d.trainX, d.trainY, { l1: t.l1, l2: t.l2 });
  const w = check.worst;
  const inputs = w === null ? 1 : n.sizes[w.layer]!;
  const worstName =
    w === null ? '' : w.kind === 'weight' ? `W[${Math.floor(w.index / inputs)}][${w.index % inputs}]` : `b[${w.index}]`;
  return { check, worstName };
}

async function handle(req: Request): Promise<void> {
  const rw = await rwPromise;
  switch (req.type) {
    case 'init': {
      net?.dispose();
      net = rw.createMLP({ ...req.net });
      if (req.layers) req.layers.forEach((p, l) => net!.setParams(l, p.W, p.b));
      data = req.data;
      train = req.train;
      steps = 0;
      focused = null;
      diverged = null;
      firstLoss = null;
      sendFrame(req.id, net, data);
      return;
    }
    case 'options':
      train = req.train;
      send({ id: req.id, type: 'ready', backend: rw.backend });
      return;
    default:
      break;
  }
  if (!net || !data || !train) throw new Error('The network is not initialised yet.');
  switch (req.type) {
    case 'train': {
      const rowsTrain = rows(data.trainX, net);
      if (!diverged && rowsTrain > 0) {
        // Chunks keep each WASM call short (V8 tiers up between calls) and let us stop early.
        let left = Math.max(0, Math.floor(req.steps));
        while (left > 0) {
          const k = Math.min(left, 200);
          const loss = net.train(data.trainX, data.trainY, { ...train, steps: k, seed: batchCalls++ >>> 0 });
          steps += k;
          left -= k;
          if (hasDiverged(loss, firstLoss ?? NaN)) break;
        }
      }
      sendFrame(req.id, net, data);
      return;
    }
    case 'data':
      data = req.data;
      firstLoss = null;
      sendFrame(req.id, net, data);
      return;
    case 'setBias': {
      const p = net.getParams(req.layer);
      if (req.unit >= 0 && req.unit < p.b.length) p.b[req.unit] = req.value;
      net.setParams(req.layer, p.W, p.b);
      firstLoss = null;
      sendFrame(req.id, net, data);
      return;
    }
    case 'setWeight': {
      const p = net.getParams(req.layer);
      const inputs = net.sizes[req.layer]!;
      if (req.out >= 0 && req.out < p.b.length && req.in >= 0 && req.in < inputs)
        p.W[req.out * inputs + req.in] = req.value;
      net.setParams(req.layer, p.W, p.b);
      firstLoss = null;
      sendFrame(req.id, net, data);
      return;
    }
    case 'focus':
      focused = req.layer === null ? null : { layer: req.layer, unit: req.unit };
      sendFrame(req.id, net, data);
      return;
    case 'gradcheck':
      send({ id: req.id, type: 'gradcheck', ...gradCheck(net, data, train) });
      return;
    case 'params': {
      const layers = params(net);
      send(
        { id: req.id, type: 'params', layers },
        layers.flatMap((p) => [p.W.buffer, p.b.buffer]),
      );
      return;
    }
  }
}

// Requests are handled strictly one after another, in arrival order.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<Request>) => {
  const req = event.data;
  queue = queue.then(() =>
    handle(req).catch((e: unknown) =>
      send({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) }),
    ),
  );
};
