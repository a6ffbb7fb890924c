// Section 8: the dying ReLU problem. One relu-wasm network [2, 8, 8, 1] (same seed, same data)
// trains three ways: a sane learning rate, a too-high one, and a bad initialisation (every
// bias -1). Dead units (net.deadUnits: output 0 on every point) are counted and greyed out
// live. "Revive with Leaky ReLU" copies the too-high-rate network's weights into a Leaky ReLU
// network (alpha 0.1) that continues at the sane rate; its count is then the units whose
// pre-activation (net.preActivations) is <= 0 on every point, i.e. dead were it still ReLU.
//
// data-testids:
//   dying-run        button: train all three again from the start
//   dying-revive     button: enabled once the runs are done
//   dying-steps      steps done (plain integer)
//   dying-dead-sane, dying-dead-high, dying-dead-badinit   dead hidden units (plain integer, of 16)
//   dying-loss-sane, dying-loss-high, dying-loss-badinit   loss on all points
//   dying-units-sane, ...   unit dots (data-dead="true" when dead)
//   dying-boundary-sane, ...   canvas: the run's decision boundary and the points
//   dying-title-high  the panel's title (changes to the Leaky ReLU run when revived)
// A run whose loss diverges (the package's hasDiverged rule) stops, and its loss reads
// "diverged"; the others keep going.
// The widget root carries data-state = idle | running | done | revived.
import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
import { el, fixed, frameLoop, statList } from 'relu-wasm/ui';

import { BoundaryView } from './boundary-view.js';
import { UnitDots } from './unit-dots.js';
import { runCard } from './widget.js';

const SIZES = [2, 8, 8, 1];
const MAX_STEPS = 2000;
const STEPS_PER_FRAME = 20;
const SANE_LR = 0.1;
const HIGH_LR = 3;
const LEAKY_SLOPE = 0.1;

interface Run {
  key: 'sane' | 'high' | 'badinit';
  title: string;
  lr: number;
  bias?: number;
  net?: MLP;
  firstLoss: number;
  diverged: boolean;
  dead: HTMLOutputElement;
  loss: HTMLOutputElement;
  heading: HTMLElement;
  dots: UnitDots;
  boundary: BoundaryView;
  card: HTMLElement;
}

/** Hidden units that are 0 (ReLU) or <= 0 (Leaky ReLU, "dead were it ReLU") on every row. */
function deadUnits(net: MLP, X: Float32Array, rows: number): number[][] {
  if (net.activation === 'relu') return net.deadUnits(X);
  return net.preActivations(X).map((z, l) => {
    const units = SIZES[l + 1]!;
    const dead: number[] = [];
    for (let u = 0; u < units; u++) {
      let r = 0;
      while (r < rows && z[r * units + u]! <= 0) r++;
      if (r === rows) dead.push(u);
    }
    return dead;
  });
}

export function mountDyingRelu(root: HTMLElement, rw: ReluWasm): void {
  const { X, Y, points } = generate('circle', { n: 200, noise: 0.05, seed: 3 });
  const hiddenTotal = SIZES.slice(1, -1).reduce((a, b) => a + b, 0);

  const runButton = el('button', { type: 'button', 'data-testid': 'dying-run' }, 'Train again');
  const revive = el(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'dying-revive', disabled: true },
    'Revive with Leaky ReLU',
  );
  const stepsOut = el('output', { 'data-testid': 'dying-steps' }, '0');

  const runs: Run[] = (
    [
      ['sane', `ReLU, learning rate ${SANE_LR}`, SANE_LR, undefined],
      ['high', `ReLU, learning rate ${HIGH_LR} (too high)`, HIGH_LR, undefined],
      ['badinit', `ReLU, rate ${SANE_LR}, every bias −1`, SANE_LR, -1],
    ] as const
  ).map(([key, title, lr, bias]) => {
    const dead = el('output', { 'data-testid': `dying-dead-${key}` });
    const loss = el('output', { 'data-testid': `dying-loss-${key}` });
    const heading = el('h3', { 'data-testid': `dying-title-${key}` }, title);
    const dots = new UnitDots([8, 8], `Hidden units of the run "${title}"; grey units are dead`, `dying-units-${key}`);
    const boundary = new BoundaryView(
      `Decision boundary of the run "${title}" and the data points`,
      `dying-boundary-${key}`,
      160,
      'mini',
    );
    const card = runCard(
      'card',
      heading,
      boundary.canvas,
      dots.element,
      statList([
        ['dead units', dead, ` of ${hiddenTotal}`],
        ['loss', loss],
      ]),
    );
    return {
      key,
      title,
      lr,
      ...(bias === undefined ? {} : { bias }),
      firstLoss: NaN,
      diverged: false,
      dead,
      loss,
      heading,
      dots,
      boundary,
      card,
    };
  });

  let step = 0;
  let revived = false;
  const measure = (): void => {
    stepsOut.textContent = String(step);
    for (const run of runs) {
      if (!run.net) continue;
      const dead = deadUnits(run.net, X, Y.length);
      const l = run.net.lossAndGradients(X, Y).loss;
      if (step === 0) run.firstLoss = l;
      else if (hasDiverged(l, run.firstLoss)) run.diverged = true;
      run.dead.textContent = String(dead.flat().length);
      run.loss.textContent = run.diverged ? `diverged (${fixed(l, 3)})` : fixed(l, 3);
      run.dots.update(dead);
      run.boundary.draw(run.net, points);
    }
  };

  const rebuild = (): void => {
    for (const run of runs) {
      run.net?.dispose();
      run.net = rw.createMLP({ sizes: SIZES, seed: 3 });
      run.heading.textContent = run.title;
      run.diverged = false;
      if (run.bias !== undefined) {
        for (let l = 0; l < SIZES.length - 2; l++) {
          const p = run.net.getParams(l);
          run.net.setParams(l, p.W, p.b.fill(run.bias));
        }
      }
    }
    step = 0;
    revived = false;
    revive.disabled = true;
    measure();
  };

  const loop = frameLoop(
    root,
    () => {
      for (const run of runs) {
        if (run.diverged || !run.net) continue;
        const lr = revived && run.key === 'high' ? SANE_LR : run.lr;
        const l = run.net.train(X, Y, { lr, optimizer: 'sgd', batchSize: 10, steps: STEPS_PER_FRAME, seed: step });
        if (hasDiverged(l, run.firstLoss)) run.diverged = true;
      }
      step += STEPS_PER_FRAME;
      measure();
      return step < MAX_STEPS * (revived ? 2 : 1) && runs.some((r) => !r.diverged);
    },
    {
      onChange: (running) => {
        root.dataset.state = running ? 'running' : revived ? 'revived' : 'done';
        revive.disabled = running || revived;
      },
      onFirstVisible: () => loop.start(),
    },
  );

  runButton.addEventListener('click', () => {
    loop.pause();
    rebuild();
    loop.start();
  });
  revive.addEventListener('click', () => {
    const high = runs.find((r) => r.key === 'high')!;
    if (!high.net || revived) return;
    const leaky = rw.createMLP({ sizes: SIZES, activation: 'leaky_relu', leakySlope: LEAKY_SLOPE });
    for (let l = 0; l < SIZES.length - 1; l++) {
      const p = high.net.getParams(l);
      leaky.setParams(l, p.W, p.b);
    }
    high.net.dispose();
    high.net = leaky;
    high.heading.textContent = `Revived: Leaky ReLU (α ${LEAKY_SLOPE}), rate ${SANE_LR}`;
    high.diverged = false;
    revived = true;
    loop.start();
  });

  root.querySelector('.widget-fallback')?.remove();
  root.dataset.state = 'idle';
  root.append(
    el('div', { class: 'controls' }, runButton, revive, el('span', {}, 'step ', stepsOut)),
    el('div', { class: 'cards three' }, ...runs.map((r) => r.card)),
    el(
      'figcaption',
      {},
      `Circle data, 200 points; two hidden layers of 8 units (left and right columns of dots); SGD, minibatches of 10, ${MAX_STEPS} steps. A unit is dead when its output is 0 on every point.`,
    ),
  );
  rebuild();
}
