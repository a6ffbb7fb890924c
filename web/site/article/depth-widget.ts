// Section 7: why ReLU trains deep networks. Four copies of one network (the same depth, width,
// initialisation and seed, so the same starting weights) differ only in their hidden
// activation: sigmoid, tanh, ReLU, Leaky ReLU. For the activation the reader picks, a table
// gives each hidden layer's weight-gradient norm ||dL/dW|| (net.lossAndGradients on all the
// points) at initialisation, computed as soon as depth, activation or initialisation change,
// and now, as training goes, with bars on a log scale. Below, the four train side by side with
// plain SGD at the reader's pace (./pace.ts) and their losses share one chart. SGD on purpose:
// Adam divides each gradient by its own running size, which hides part of what is shown here.
//
// Every training step is its own net.train() call with the step's index as its shuffle seed,
// so what the widget shows at step N does not depend on the speed or the frame timing.
//
// data-testids:
//   vg-depth        <input type="number">: hidden layers, 1 to 20 (invalid input: a message,
//                   and the widget keeps its last valid state)
//   vg-depth-error  the message for invalid depth input (empty otherwise)
//   vg-activation   <select>: relu, leaky_relu, tanh, sigmoid (the table's network)
//   vg-init         <select>: he, xavier (all four networks)
//   vg-norms        <table>: one row per hidden layer, data-layer (1 = first) and data-norm
//                   (the weight-gradient norm at initialisation, a plain number)
//   vg-ratio        <output>: first-layer norm / last-hidden-layer norm at initialisation
//   vg-ratio-<activation>, vg-loss-<activation>   the same ratio and the loss now, per network
//   vg-steps        training steps done
//   vg-loss-chart   the four losses against steps
//   vg-diverged     the note naming networks that diverged (hidden otherwise)
//   vg-play, vg-step, vg-speed, vg-reset   the pace controls
// The widget root carries data-state = idle | running | paused | done | diverged.
import './depth-widget.css';

import { hasDiverged, type MLP, type ReluWasm } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
import { el, fixed, LossChart, svg } from 'relu-wasm/ui';

import {
  decadeDomain,
  firstToLastRatio,
  hiddenLayerNorms,
  logPosition,
  MAX_DEPTH,
  MIN_DEPTH,
  parseDepth,
  plainNumber,
} from './gradient-norms.js';
import { Pace, type Speed } from './pace.js';
import { headRow } from './widget.js';

type Act = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu';
type InitName = 'he' | 'xavier';

// The chart's and the summary's order: the historical one, sigmoid first.
const RUN_ORDER: readonly [Act, string][] = [
  ['sigmoid', 'sigmoid'],
  ['tanh', 'tanh'],
  ['relu', 'ReLU'],
  ['leaky_relu', 'Leaky ReLU'],
];
// The select's order: the article's subject first.
const SELECT_ORDER: readonly Act[] = ['relu', 'leaky_relu', 'tanh', 'sigmoid'];
const INITS: readonly [InitName, string][] = [
  ['he', 'He: 2 / fan-in'],
  ['xavier', 'Xavier: 2 / (in + out)'],
];
const LABEL = Object.fromEntries(RUN_ORDER) as Record<Act, string>;

// Circle: the easiest of the datasets (two hidden units can nearly solve it), so when a deep
// network fails to learn it, the depth is to blame, not the data.
const DATA = generate('circle', { n: 200, noise: 0.05, seed: 3 });
const WIDTH = 16;
const SEED = 1;
const DEFAULT_DEPTH = 10;
const TRAIN = { lr: 0.05, optimizer: 'sgd', batchSize: 16 } as const;
const MAX_STEPS = 2000;
/** Each network's loss and norms are measured on all points every this many steps... */
const MEASURE_EVERY = 10;
/** ...at these steps modulo MEASURE_EVERY (sigmoid, tanh, ReLU, Leaky ReLU): one per round at most. */
const STAGGER = [0, 2, 5, 7];
const SPEEDS: readonly Speed[] = [
  { steps: 1, label: 'Slow' },
  { steps: 5, label: 'Normal' },
  { steps: 25, label: 'Fast' },
];

interface Run {
  act: Act;
  net: MLP;
  initNorms: number[];
  nowNorms: number[];
  firstLoss: number;
  loss: number;
  /** The step that nowNorms and loss were measured at. */
  measuredAt: number;
  diverged: boolean;
  divergedAt: number;
}

const superscript = (n: number): string =>
  String(n).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]!);
const power = (e: number): string => `10${superscript(e)}`;
const sci = (v: number): string => (v > 0 && Number.isFinite(v) ? v.toExponential(2) : plainNumber(v));

export function mountDepthWidget(root: HTMLElement, rw: ReluWasm): void {
  // Controls.
  const depthInput = el('input', {
    type: 'number',
    id: 'vg-depth',
    min: MIN_DEPTH,
    max: MAX_DEPTH,
    step: 1,
    value: DEFAULT_DEPTH,
    inputmode: 'numeric',
    'aria-describedby': 'vg-depth-error',
    'data-testid': 'vg-depth',
  });
  const depthError = el('p', {
    class: 'status vg-depth-error',
    id: 'vg-depth-error',
    role: 'status',
    'data-testid': 'vg-depth-error',
  });
  const actSelect = el('select', { id: 'vg-activation', 'data-testid': 'vg-activation' });
  for (const a of SELECT_ORDER) actSelect.append(el('option', { value: a }, LABEL[a]));
  const initSelect = el('select', { id: 'vg-init', 'data-testid': 'vg-init' });
  for (const [value, label] of INITS) initSelect.append(el('option', { value }, label));

  // The chosen network's table.
  const caption = el('caption', {});
  const axisLo = el('span', {});
  const axisHi = el('span', {});
  const tbody = el('tbody', {});
  const table = el(
    'table',
    { class: 'vg-norms', 'data-testid': 'vg-norms' },
    caption,
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'layer'),
        el('th', { scope: 'col' }, 'at step 0'),
        el('th', { scope: 'col' }, 'now'),
        el(
          'th',
          { scope: 'col', class: 'vg-bar-head' },
          el('span', { class: 'vg-axis' }, axisLo, el('span', {}, 'log scale'), axisHi),
        ),
      ),
    ),
    tbody,
  );
  const ratio = el('output', { 'data-testid': 'vg-ratio', for: 'vg-depth vg-activation vg-init' });
  const ratioLabel = el('span', {});

  // The four side by side.
  const chart = new LossChart({
    label: 'Training loss against steps for the sigmoid, tanh, ReLU and Leaky ReLU networks',
    names: RUN_ORDER.map(([, label]) => label),
    testid: 'vg-loss-chart',
    xLabel: 'steps',
    yLabel: 'loss (BCE)',
    height: 200,
  });
  const steps = el('output', { 'data-testid': 'vg-steps' }, '0');
  const ratioOut = new Map<Act, HTMLOutputElement>();
  const lossOut = new Map<Act, HTMLOutputElement>();
  const summary = el('tbody', {});
  for (const [act, label] of RUN_ORDER) {
    const r = el('output', { 'data-testid': `vg-ratio-${act}` });
    const l = el('output', { 'data-testid': `vg-loss-${act}` });
    ratioOut.set(act, r);
    lossOut.set(act, l);
    summary.append(
      el('tr', { 'data-activation': act }, el('th', { scope: 'row' }, label), el('td', {}, r), el('td', {}, l)),
    );
  }
  const summaryTable = el(
    'table',
    { class: 'vg-summary', 'data-testid': 'vg-summary' },
    el('caption', {}, 'All four networks, same starting weights'),
    headRow('activation', 'first ÷ last at step 0', 'loss now'),
    summary,
  );
  const divergedNote = el('p', { class: 'widget-error', role: 'alert', 'data-testid': 'vg-diverged', hidden: true });

  // State: the last valid depth and init, the four runs, the shared step count.
  let depth = DEFAULT_DEPTH;
  let runs: Run[] = [];
  let step = 0;
  let domain = { lo: -3, hi: 0 };
  let cells: { now: HTMLElement; bar: SVGRectElement }[] = [];

  const chosen = (): Run => runs.find((r) => r.act === actSelect.value) ?? runs[0]!;

  /** Loss and norms of one network on all points at the current step (a point on the chart). */
  const measure = (run: Run): void => {
    if (run.diverged) return;
    const { loss, grads } = run.net.lossAndGradients(DATA.X, DATA.Y);
    run.loss = loss;
    run.nowNorms = hiddenLayerNorms(grads, depth);
    run.measuredAt = step;
    chart.push(runs.indexOf(run), step, loss);
    if (hasDiverged(loss, run.firstLoss)) {
      run.diverged = true;
      run.divergedAt = step;
    }
  };

  /** The chosen network's rows, built when the depth, the activation or the bars' axis change. */
  const layoutTable = (): void => {
    const run = chosen();
    axisLo.textContent = power(domain.lo);
    axisHi.textContent = power(domain.hi);
    const grid: number[] = [];
    for (let e = domain.lo + 1; e < domain.hi; e++) grid.push(100 * logPosition(10 ** e, domain));
    cells = [];
    const rows = run.initNorms.map((init, k) => {
      const now = el('td', { class: 'num' });
      const bar = svg('rect', { x: 0, y: 2, width: 0, height: 6, class: 'vg-now' });
      const xi = 100 * logPosition(init, domain);
      const tick = svg('line', {
        x1: xi,
        x2: xi,
        y1: 0,
        y2: 10,
        class: 'vg-init',
        'vector-effect': 'non-scaling-stroke',
      });
      cells.push({ now, bar });
      const picture = svg(
        'svg',
        {
          class: 'vg-bar',
          viewBox: '0 0 100 10',
          preserveAspectRatio: 'none',
          'aria-hidden': 'true',
          focusable: 'false',
        },
        ...grid.map((x) =>
          svg('line', { x1: x, x2: x, y1: 0, y2: 10, class: 'vg-grid', 'vector-effect': 'non-scaling-stroke' }),
        ),
        bar,
        tick,
      );
      return el(
        'tr',
        { 'data-layer': k + 1, 'data-norm': String(init) },
        el('th', { scope: 'row' }, String(k + 1)),
        el('td', { class: 'num' }, sci(init)),
        now,
        el('td', { class: 'vg-bar-cell' }, picture),
      );
    });
    tbody.replaceChildren(...rows);
    const r = firstToLastRatio(run.initNorms);
    ratio.textContent = plainNumber(r);
    ratioLabel.textContent = `${LABEL[run.act]}, ${depth} hidden layers: first ÷ last hidden layer's norm at step 0 = `;
    for (const each of runs) ratioOut.get(each.act)!.textContent = plainNumber(firstToLastRatio(each.initNorms));
  };

  /** Updates the "now" cells, the bars and the readouts in place. */
  const update = (): void => {
    const run = chosen();
    const wanted = decadeDomain([...run.initNorms, ...run.nowNorms]);
    // The bars' axis only grows during a run, so they do not jump when a norm crosses a decade.
    if (wanted.lo < domain.lo || wanted.hi > domain.hi) {
      domain = { lo: Math.min(domain.lo, wanted.lo), hi: Math.max(domain.hi, wanted.hi) };
      layoutTable();
    }
    caption.textContent = `Weight-gradient norm of each hidden layer: ${LABEL[run.act]}, ${initSelect.value === 'he' ? 'He' : 'Xavier'} initialisation, ${depth} × ${WIDTH} units; now = step ${run.measuredAt}${run.diverged ? ` (diverged at step ${run.divergedAt})` : ''}`;
    cells.forEach(({ now, bar }, k) => {
      const v = run.nowNorms[k] ?? NaN;
      now.textContent = sci(v);
      bar.setAttribute('width', (100 * logPosition(v, domain)).toFixed(2));
    });
    steps.textContent = String(step);
    for (const each of runs)
      lossOut.get(each.act)!.textContent = each.diverged ? `diverged at step ${each.divergedAt}` : fixed(each.loss, 3);
    const lost = runs.filter((x) => x.diverged);
    const note = lost.length
      ? `${lost.map((x) => `${LABEL[x.act]} diverged at step ${x.divergedAt}`).join('; ')} (the package's divergence rule), so it stopped; the others go on.`
      : '';
    // Written only when it changes, so that the alert is announced once.
    if (divergedNote.textContent !== note) divergedNote.textContent = note;
    divergedNote.hidden = lost.length === 0;
  };

  /** Shows the chosen network: its own bars' axis, rows and readouts. */
  const showChosen = (): void => {
    domain = decadeDomain([...chosen().initNorms, ...chosen().nowNorms]);
    layoutTable();
    update();
  };

  /** Four fresh networks at the current depth and init; the table at step 0, right away. */
  const rebuild = (): void => {
    for (const run of runs) run.net.dispose();
    const init = initSelect.value as InitName;
    const sizes = [2, ...Array<number>(depth).fill(WIDTH), 1];
    step = 0;
    chart.reset();
    runs = RUN_ORDER.map(([act]) => {
      const net = rw.createMLP({ sizes, activation: act, init, seed: SEED, loss: 'bce' });
      const { loss, grads } = net.lossAndGradients(DATA.X, DATA.Y);
      const norms = hiddenLayerNorms(grads, depth);
      return {
        act,
        net,
        initNorms: norms,
        nowNorms: norms,
        firstLoss: loss,
        loss,
        measuredAt: 0,
        diverged: false,
        divergedAt: 0,
      };
    });
    runs.forEach((run, i) => chart.push(i, 0, run.loss));
    showChosen();
  };

  // One round = one step of each network still training; rounds run until `n` steps, the end
  // of the run, or the frame's deadline. Each network is measured every MEASURE_EVERY steps,
  // the four at staggered steps so that a round never measures more than one (at depth 20 a
  // round costs about 0.3 ms of CPU here and a measurement up to 0.8 ms, the sigmoid's). After
  // a Step press (no deadline) and at the end of the run, all four are measured at the current
  // step.
  const advance = (n: number, deadline: number): boolean => {
    let done = 0;
    while (done < n && step < MAX_STEPS && performance.now() < deadline) {
      for (const run of runs) {
        if (run.diverged) continue;
        const l = run.net.train(DATA.X, DATA.Y, { ...TRAIN, steps: 1, seed: step });
        if (!Number.isFinite(l)) {
          run.diverged = true;
          run.divergedAt = step + 1;
        }
      }
      step++;
      done++;
      runs.forEach((run, i) => {
        if (step % MEASURE_EVERY === STAGGER[i]) measure(run);
      });
    }
    if (deadline === Infinity || step >= MAX_STEPS) for (const run of runs) if (run.measuredAt !== step) measure(run);
    update();
    if (runs.every((r) => r.diverged)) {
      pace.finish('diverged');
      return false;
    }
    return step < MAX_STEPS;
  };
  const pace = new Pace({ root, prefix: 'vg', advance, reset: rebuild, stepSize: MEASURE_EVERY, speeds: SPEEDS });

  // Depth: only a valid value changes anything; otherwise say why and keep the last state.
  const onDepth = (): void => {
    const parsed = parseDepth(depthInput.validity.badInput ? 'not a number' : depthInput.value);
    if (!parsed.ok) {
      depthInput.setAttribute('aria-invalid', 'true');
      depthError.textContent = `${parsed.message} Still showing ${depth} hidden layers.`;
      return;
    }
    depthInput.removeAttribute('aria-invalid');
    depthError.textContent = '';
    if (parsed.depth === depth) return;
    depth = parsed.depth;
    pace.reset();
  };
  depthInput.addEventListener('input', onDepth);
  depthInput.addEventListener('change', onDepth);
  initSelect.addEventListener('change', () => pace.reset());
  actSelect.addEventListener('change', () => {
    const run = chosen();
    if (run.measuredAt !== step) measure(run);
    showChosen();
  });

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el(
      'div',
      { class: 'controls vg-controls' },
      el('span', { class: 'vg-field' }, el('label', { for: 'vg-depth' }, 'Hidden layers'), depthInput),
      el('span', { class: 'vg-field' }, el('label', { for: 'vg-activation' }, 'Activation'), actSelect),
      el('span', { class: 'vg-field' }, el('label', { for: 'vg-init' }, 'Initialisation'), initSelect),
    ),
    depthError,
    el('div', { class: 'vg-table-wrap' }, table),
    el(
      'p',
      { class: 'vg-key' },
      el('span', { class: 'vg-key-now', 'aria-hidden': 'true' }),
      ' now   ',
      el('span', { class: 'vg-key-init', 'aria-hidden': 'true' }),
      ' at step 0; each grid line is a factor of 10.',
    ),
    el('p', { class: 'widget-foot vg-ratio-line' }, ratioLabel, ratio),
    el('div', { class: 'controls vg-pace' }, pace.element, el('span', { class: 'vg-steps' }, 'steps ', steps)),
    el('div', { class: 'vg-compare' }, chart.element, el('div', { class: 'vg-table-wrap' }, summaryTable)),
    divergedNote,
    el(
      'figcaption',
      {},
      `Four networks of ${WIDTH} units per hidden layer, the same starting weights (seed ${SEED}), differing only in their hidden activation, on the circle data (200 points). Gradients and losses are over all 200 points; training is plain SGD (learning rate ${TRAIN.lr}, minibatches of ${TRAIN.batchSize}, up to ${MAX_STEPS} steps); Step does ${MEASURE_EVERY} steps. The table follows the activation you pick; the chart and the table below it show all four.`,
    ),
  );
  rebuild();
}
