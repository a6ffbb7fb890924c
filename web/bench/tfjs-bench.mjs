// TF.js 4.22 contenders (CPU and WASM backends): tf.relu forward, its gradient, and training
// the two benchmark networks with layers (model.fit) and with a hand-written loop
// (optimizer.minimize). Kept apart from kernel-bench.mjs so the article's live benchmark
// does not pull TF.js into its bundle; `tf` is passed in, this module imports nothing heavy.
// Every variant must be run while `backend` is tf's active backend (await tf.setBackend).
import { closeTo, input, reluBackwardReference, reluReference, smoothReference } from './kernel-bench.mjs';
import { caseData } from './train-compare.mjs';

// TF.js does not promise our -0 convention, so its outputs are compared by value.
function sameValues(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** tf.relu and the ReLU gradient (dy * step(x), exactly what tf.grad runs for relu). */
export function tfjsKernelVariants(tf, backend) {
  return [
    {
      id: `tfjs-${backend}`,
      label: `TF.js ${backend}, tf.relu`,
      bytesPerElement: 8,
      setup(n) {
        const src = input(n);
        const x = tf.tensor1d(src);
        let y = null;
        return {
          run: () => {
            y?.dispose();
            y = tf.relu(x);
          },
          check: () => sameValues(y.dataSync(), reluReference(src)),
          dispose: () => {
            y?.dispose();
            x.dispose();
          },
        };
      },
    },
    {
      id: `tfjs-${backend}-backward`,
      label: `TF.js ${backend}, relu gradient (dy * step(x))`,
      bytesPerElement: 12,
      setup(n) {
        const xs = input(n);
        const gs = input(n, 777);
        const x = tf.tensor1d(xs);
        const dy = tf.tensor1d(gs);
        let dx = null;
        return {
          run: () => {
            dx?.dispose();
            dx = tf.tidy(() => tf.mul(dy, tf.step(x)));
          },
          check: () => sameValues(dx.dataSync(), reluBackwardReference(xs, gs)),
          dispose: () => {
            dx?.dispose();
            x.dispose();
            dy.dispose();
          },
        };
      },
    },
  ];
}

/** tf.sigmoid and tf.tanh (forward), checked by value against double precision. */
export function tfjsSmoothVariants(tf, backend) {
  return ['sigmoid', 'tanh'].map((fn) => ({
    id: `tfjs-${backend}-${fn}`,
    label: `TF.js ${backend}, tf.${fn}`,
    bytesPerElement: 8,
    setup(n) {
      const src = input(n);
      const want = Array.from(src, smoothReference[fn]);
      const x = tf.tensor1d(src);
      let y = null;
      return {
        run: () => {
          y?.dispose();
          y = tf[fn](x);
        },
        // TF.js promises no ULP bound: a looser check, still one a wrong kernel fails.
        check: () => closeTo(y.dataSync(), want, 1e-5, 1e-7),
        dispose: () => {
          y?.dispose();
          x.dispose();
        },
      };
    },
  }));
}

function tensors(tf, c) {
  const { X, Y } = caseData(c);
  const outputs = c.sizes.at(-1);
  const xs = tf.tensor2d(X, [c.rows, c.sizes[0]]);
  const ys = outputs === 1 ? tf.tensor2d(Y, [c.rows, 1]) : tf.oneHot(tf.tensor1d(Y, 'int32'), outputs).toFloat();
  return { xs, ys, outputs };
}

function lossOf(tf, logits, ys, outputs) {
  return outputs === 1 ? tf.losses.sigmoidCrossEntropy(ys, logits) : tf.losses.softmaxCrossEntropy(ys, logits);
}

/** Training with the layers API: one call is model.fit for one epoch (rows / batchSize steps). */
export function tfjsLayersContender(tf, backend) {
  return {
    id: `tfjs-${backend}-layers`,
    label: `TF.js ${backend}, layers model.fit`,
    setup(c) {
      const { xs, ys, outputs } = tensors(tf, c);
      const model = tf.sequential();
      for (let l = 1; l < c.sizes.length; l++) {
        const last = l === c.sizes.length - 1;
        model.add(
          tf.layers.dense({
            units: c.sizes[l],
            inputShape: l === 1 ? [c.sizes[0]] : undefined,
            activation: last ? (outputs === 1 ? 'sigmoid' : 'softmax') : 'relu',
            kernelInitializer: 'heUniform',
          }),
        );
      }
      model.compile({
        optimizer: tf.train.sgd(c.lr),
        loss: outputs === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy',
      });
      const evaluate = () => tf.tidy(() => model.evaluate(xs, ys, { batchSize: c.rows }).dataSync()[0]);
      const before = evaluate();
      return {
        async: true,
        samplesPerCall: c.rows,
        run: () => model.fit(xs, ys, { batchSize: c.batchSize, epochs: 1, shuffle: false, verbose: 0 }),
        check: () => evaluate() < before,
        dispose: () => {
          model.dispose();
          xs.dispose();
          ys.dispose();
        },
      };
    },
  };
}

/** Training with a hand-written loop: variables, a loss function, optimizer.minimize per step. */
export function tfjsLoopContender(tf, backend) {
  return {
    id: `tfjs-${backend}-loop`,
    label: `TF.js ${backend}, hand-written loop (optimizer.minimize)`,
    setup(c) {
      const { xs, ys, outputs } = tensors(tf, c);
      const params = [];
      for (let l = 1; l < c.sizes.length; l++) {
        const scale = Math.sqrt(6 / c.sizes[l - 1]);
        params.push(tf.variable(tf.randomUniform([c.sizes[l - 1], c.sizes[l]], -scale, scale, 'float32', l)));
        params.push(tf.variable(tf.zeros([c.sizes[l]])));
      }
      const logitsOf = (x) => {
        let h = x;
        for (let l = 0; l < params.length; l += 2) {
          h = tf.add(tf.matMul(h, params[l]), params[l + 1]);
          if (l + 2 < params.length) h = tf.relu(h);
        }
        return h;
      };
      const batches = [];
      for (let at = 0; at + c.batchSize <= c.rows; at += c.batchSize) {
        batches.push([xs.slice([at, 0], [c.batchSize, -1]), ys.slice([at, 0], [c.batchSize, -1])]);
      }
      const optimizer = tf.train.sgd(c.lr);
      const evaluate = () => tf.tidy(() => lossOf(tf, logitsOf(xs), ys, outputs).dataSync()[0]);
      const before = evaluate();
      let next = 0;
      return {
        samplesPerCall: c.batchSize,
        run: () => {
          const [bx, by] = batches[next++ % batches.length];
          tf.dispose(optimizer.minimize(() => lossOf(tf, logitsOf(bx), by, outputs)));
        },
        check: () => evaluate() < before,
        dispose: () => {
          tf.dispose([xs, ys, ...params, ...batches.flat()]);
          optimizer.dispose();
        },
      };
    },
  };
}
