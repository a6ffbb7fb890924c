// A straightforward Float32Array MLP trainer: the "plain JavaScript" contender of the
// training benchmark (what a reader would write in an afternoon, no tricks). ReLU hidden
// layers, then a sigmoid + binary cross-entropy (1 output) or softmax + cross-entropy head,
// minibatch SGD. Weights are [out][in] row-major like the engine's, so parameters can be
// copied across and one step compared against relu-wasm's.
import { seededRandom } from 'relu-wasm/datasets';

export class JsMlp {
  /** @param {number[]} sizes units per layer, input first */
  constructor(sizes, seed = 1) {
    this.sizes = sizes;
    this.W = [];
    this.b = [];
    const rand = seededRandom(seed);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const inp = sizes[l];
      const out = sizes[l + 1];
      const scale = Math.sqrt(6 / inp); // He-uniform
      this.W.push(Float32Array.from({ length: out * inp }, () => (rand() * 2 - 1) * scale));
      this.b.push(new Float32Array(out));
    }
    // Per-layer activations (a[0] is the input batch) and gradients, sized on first use.
    this.rows = 0;
  }

  #buffers(rows) {
    if (rows === this.rows) return;
    this.rows = rows;
    this.a = this.sizes.map((u) => new Float32Array(rows * u));
    this.d = this.sizes.map((u) => new Float32Array(rows * u));
    this.dW = this.W.map((w) => new Float32Array(w.length));
    this.db = this.b.map((b) => new Float32Array(b.length));
  }

  /** Forward pass over `rows` rows of X starting at row `from` of the index list `idx`. */
  forward(X, idx, from, rows) {
    this.#buffers(rows);
    const n0 = this.sizes[0];
    const a0 = this.a[0];
    for (let r = 0; r < rows; r++) {
      const src = idx[from + r] * n0;
      for (let j = 0; j < n0; j++) a0[r * n0 + j] = X[src + j];
    }
    const L = this.W.length;
    for (let l = 0; l < L; l++) {
      const inp = this.sizes[l];
      const out = this.sizes[l + 1];
      const W = this.W[l];
      const b = this.b[l];
      const x = this.a[l];
      const y = this.a[l + 1];
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < out; o++) {
          let z = b[o];
          for (let i = 0; i < inp; i++) z += W[o * inp + i] * x[r * inp + i];
          y[r * out + o] = l + 1 < L && z < 0 ? 0 : z;
        }
      }
    }
    return this.a[L];
  }

  /** One SGD step on rows idx[from .. from + rows); returns the mean loss before the update. */
  step(X, Y, idx, from, rows, lr) {
    const logits = this.forward(X, idx, from, rows);
    const L = this.W.length;
    const outN = this.sizes[L];
    const dOut = this.d[L];
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const t = Y[idx[from + r]];
      if (outN === 1) {
        const z = logits[r];
        const p = 1 / (1 + Math.exp(-z));
        loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
        dOut[r] = (p - t) / rows;
      } else {
        let m = -Infinity;
        for (let k = 0; k < outN; k++) m = Math.max(m, logits[r * outN + k]);
        let sum = 0;
        for (let k = 0; k < outN; k++) sum += Math.exp(logits[r * outN + k] - m);
        loss += Math.log(sum) + m - logits[r * outN + t];
        for (let k = 0; k < outN; k++)
          dOut[r * outN + k] = (Math.exp(logits[r * outN + k] - m) / sum - (k === t ? 1 : 0)) / rows;
      }
    }
    for (let l = L - 1; l >= 0; l--) {
      const inp = this.sizes[l];
      const out = this.sizes[l + 1];
      const W = this.W[l];
      const x = this.a[l];
      const dy = this.d[l + 1];
      const dW = this.dW[l].fill(0);
      const db = this.db[l].fill(0);
      const dx = this.d[l];
      if (l > 0) dx.fill(0);
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < out; o++) {
          const g = dy[r * out + o];
          db[o] += g;
          for (let i = 0; i < inp; i++) {
            dW[o * inp + i] += g * x[r * inp + i];
            if (l > 0) dx[r * inp + i] += g * W[o * inp + i];
          }
        }
      }
      // ReLU backward into the layer below: blocked where its output was <= 0.
      if (l > 0) for (let k = 0; k < rows * inp; k++) if (x[k] <= 0) dx[k] = 0;
    }
    for (let l = 0; l < L; l++) {
      const W = this.W[l];
      const dW = this.dW[l];
      for (let k = 0; k < W.length; k++) W[k] -= lr * dW[k];
      const b = this.b[l];
      const db = this.db[l];
      for (let k = 0; k < b.length; k++) b[k] -= lr * db[k];
    }
    return loss / rows;
  }

  /** `steps` minibatch steps over X's rows in a shuffled order; returns the mean loss. */
  train(X, Y, { batchSize, steps, lr, order }) {
    const rowsTotal = Y.length;
    let at = 0;
    let sum = 0;
    for (let s = 0; s < steps; s++) {
      const rows = Math.min(batchSize, rowsTotal);
      if (at + rows > rowsTotal) at = 0;
      sum += this.step(X, Y, order, at, rows, lr);
      at += rows;
    }
    return sum / steps;
  }
}

/** 0 .. n-1 shuffled by the package's seeded generator (Fisher-Yates). */
export function shuffledOrder(n, seed = 7) {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
