// relu-wasm in Node against PyTorch on one CPU thread, side by side: conv-node.mjs and
// conv-torch.py alternated for `--rounds` rounds on the network and on the article's
// (FASHION_MNIST_CNN_RECIPE's layers), each round timing 100 Adam steps of batch 64 after 5
// warm-up steps. Prints every round and the medians, with ours / PyTorch as a ratio (the
// machine is shared: compare within a round, quote medians). Needs Debian's python3-torch.
// Usage: node web/bench/conv-vs-torch.mjs [--rounds 3]   (npm run bench:torch)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { FASHION_MNIST_CNN_RECIPE as C } from 'relu-wasm/datasets';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const i = process.argv.indexOf('--rounds');
const rounds = i < 0 ? 3 : Number(process.argv[i + 1]);
const number = (text, pattern) => Number(pattern.exec(text)?.[1] ?? NaN);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const networks = [
  { name: "the issue's network (conv 8, pool, conv 16, pool, dense 10)", ours: [], torch: [] },
  {
    name: "the article's network (conv 8, pool, conv 16, pool, dense 64, dense 10)",
    ours: ['--layers', JSON.stringify(C.layers)],
    torch: ['--hidden', '64'],
  },
];
for (const net of networks) {
  console.log(net.name);
  const rows = [];
  for (let r = 0; r < rounds; r++) {
    const ours = execFileSync('node', [here('conv-node.mjs'), '--epochs', '0', ...net.ours], { encoding: 'utf8' });
    const torch = execFileSync('/usr/bin/python3', [here('conv-torch.py'), '--steps', '100', ...net.torch], {
      encoding: 'utf8',
    });
    const row = {
      ours: number(ours, /training: ([\d.]+) samples/),
      torch: number(torch, /thread: ([\d.]+) samples/),
      oursInference: number(ours, /inference \(evaluate\): ([\d.]+)/),
      torchInference: number(torch, /inference: ([\d.]+)/),
    };
    rows.push(row);
    console.log(
      `  round ${r + 1}: training ${row.ours.toFixed(0)} vs ${row.torch.toFixed(0)} samples/s ` +
        `(${(row.ours / row.torch).toFixed(2)}x); inference ${row.oursInference.toFixed(0)} vs ${row.torchInference.toFixed(0)}`,
    );
  }
  const m = (key) => median(rows.map((row) => row[key]));
  const ratio = median(rows.map((row) => row.ours / row.torch));
  console.log(
    `  median: relu-wasm ${m('ours').toFixed(0)}, PyTorch ${m('torch').toFixed(0)} training samples/s, ` +
      `ratio ${ratio.toFixed(2)}x; inference ${m('oursInference').toFixed(0)} vs ${m('torchInference').toFixed(0)}`,
  );
}
