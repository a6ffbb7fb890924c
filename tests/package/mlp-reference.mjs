// An independent double-precision MLP (forward, loss, backward) for the package tests: the
// engine's float32 results are compared with it, and it is itself checked against central
// finite differences in double precision.

const act = {
  relu: { f: (z) => (z > 0 ? z : 0), df: (z, _a, g0) => (z > 0 ? 1 : z === 0 ? g0 : 0) },
  leaky_relu: { f: (z, a) => (z > 0 ? z : a * z), df: (z, a) => (z > 0 ? 1 : a) },
  tanh: { f: (z) => Math.tanh(z), df: (z) => 1 - Math.tanh(z) ** 2 },
  sigmoid: {
    f: (z) => 1 / (1 + Math.exp(-z)),
    df: (z) => {
      const s = 1 / (1 + Math.exp(-z));
      return s * (1 - s);
    },
  },
  linear: { f: (z) => z, df: () => 1 },
};

/** params: [{ W: number[] out*in, b: number[] out }]; returns { loss, grads, outputs }. */
export function referenceLossAndGradients(net, params, X, Y, { l2 = 0, l1 = 0 } = {}) {
  const { sizes, activation, leakySlope = 0.01, loss, gradAtZero = 0 } = net;
  const L = sizes.length - 1;
  const rows = X.length / sizes[0];
  const a = act[activation];
  // Forward: hs[l] is the input of layer l, zs[l] its pre-activation.
  const hs = [Array.from(X)];
  const zs = [];
  for (let l = 0; l < L; l++) {
    const [inp, out] = [sizes[l], sizes[l + 1]];
    const z = new Array(rows * out);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < out; o++) {
        let s = params[l].b[o];
        for (let i = 0; i < inp; i++) s += hs[l][r * inp + i] * params[l].W[o * inp + i];
        z[r * out + o] = s;
      }
    }
    zs.push(z);
    hs.push(l < L - 1 ? z.map((v) => a.f(v, leakySlope)) : z);
  }
  const logits = hs[L];
  const K = sizes[L];
  let lossValue = 0;
  const dz = new Array(rows * K).fill(0);
  for (let r = 0; r < rows; r++) {
    if (loss === 'bce') {
      const z = logits[r];
      const y = Y[r];
      lossValue += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      dz[r] = (1 / (1 + Math.exp(-z)) - y) / rows;
    } else if (loss === 'mse') {
      for (let k = 0; k < K; k++) {
        const d = logits[r * K + k] - Y[r * K + k];
        lossValue += (d * d) / K;
        dz[r * K + k] = (2 * d) / (rows * K);
      }
    } else {
      const row = logits.slice(r * K, r * K + K);
      const m = Math.max(...row);
      const sum = row.reduce((s, v) => s + Math.exp(v - m), 0);
      const label = Y[r];
      lossValue += -(row[label] - m - Math.log(sum));
      for (let k = 0; k < K; k++) dz[r * K + k] = (Math.exp(row[k] - m) / sum - (k === label ? 1 : 0)) / rows;
    }
  }
  lossValue /= rows;
  for (const p of params) {
    for (const w of p.W) lossValue += 0.5 * l2 * w * w + l1 * Math.abs(w);
  }
  // Backward.
  const grads = [];
  let delta = dz;
  for (let l = L - 1; l >= 0; l--) {
    const [inp, out] = [sizes[l], sizes[l + 1]];
    const dW = new Array(out * inp).fill(0);
    const db = new Array(out).fill(0);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < out; o++) {
        const d = delta[r * out + o];
        db[o] += d;
        for (let i = 0; i < inp; i++) dW[o * inp + i] += d * hs[l][r * inp + i];
      }
    }
    for (let j = 0; j < dW.length; j++) {
      const w = params[l].W[j];
      dW[j] += l2 * w + l1 * Math.sign(w);
    }
    grads[l] = { dW, db };
    if (l > 0) {
      const prev = new Array(rows * inp).fill(0);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < inp; i++) {
          let s = 0;
          for (let o = 0; o < out; o++) s += delta[r * out + o] * params[l].W[o * inp + i];
          prev[r * inp + i] = s * a.df(zs[l - 1][r * inp + i], leakySlope, gradAtZero);
        }
      }
      delta = prev;
    }
  }
  return { loss: lossValue, grads, outputs: logits };
}
