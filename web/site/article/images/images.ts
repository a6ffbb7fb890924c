// Section "ReLU on real images": Fashion-MNIST, fetched when the reader gets there
// (loader.ts), trained in a worker (worker.ts, one epoch per request, at the reader's pace:
// ../worker-pace.ts) with the package's default recipe or the reader's choices (controls.ts).
// After every epoch the page shows the accuracy and loss curves, the layers' sparsity
// (layer-stats.ts), the first layer's weights (weights-view.ts, its own figure), the confusion
// matrix and mistakes (confusion.ts) and refreshes its copy of the network for the draw pad
// (draw-pad.ts, prediction.ts); compare.ts races the activations. The main thread only
// renders: every long computation is in the worker.
//
// data-testids (this figure): fmnist-epoch (integer), fmnist-test-accuracy (e.g. "86.2%"),
// fmnist-train-accuracy, fmnist-test-loss, fmnist-time (seconds of training), fmnist-time-85
// (training seconds until the test accuracy first reached 85 %), fmnist-epoch-progress,
// fmnist-accuracy-chart, fmnist-loss-chart, fmnist-error (the package's typed error).
import type { ReluWasm } from 'relu-wasm';
import { el, LossChart, statList } from 'relu-wasm/ui';

import { mountInto } from '../widget.js';
import { ImagesWorker, WorkerError } from './bridge.js';
import { CompareView } from './compare.js';
import { ConfusionView } from './confusion.js';
import { ConfigForm } from './controls.js';
import { DrawPad } from './draw-pad.js';
import { LayerStatsView } from './layer-stats.js';
import { DataLoader } from './loader.js';
import { PredictionView } from './prediction.js';
import type { NetConfig, Snapshot } from './protocol.js';
import { WeightsView } from './weights-view.js';
import { WorkerPace } from '../worker-pace.js';
import './images.css';

/** The accuracy the section's text promises for the defaults (the dataset's human baseline is 83.5 %). */
const TARGET = 0.85;
/** Epochs a run may have on this page. */
const MAX_EPOCHS = 100;

const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

export function mountImages(root: HTMLElement, rw: ReluWasm): void {
  const figure = (id: string): HTMLElement | null => document.getElementById(id);
  const worker = new ImagesWorker((message) => {
    error.textContent = `The training worker stopped (${message}). Reload the page to try again.`;
    error.hidden = false;
  });

  const epochOut = el('output', { 'data-testid': 'fmnist-epoch' }, '0');
  const testAcc = el('output', { 'data-testid': 'fmnist-test-accuracy' }, '…');
  const trainAcc = el('output', { 'data-testid': 'fmnist-train-accuracy' }, '…');
  const testLoss = el('output', { 'data-testid': 'fmnist-test-loss' }, '…');
  const time = el('output', { 'data-testid': 'fmnist-time' }, '0.0 s');
  const time85 = el('output', { 'data-testid': 'fmnist-time-85' }, 'not yet');
  const epochProgress = el('progress', {
    max: 1,
    value: 0,
    'data-testid': 'fmnist-epoch-progress',
    'aria-label': 'Progress of the current epoch',
  });
  const error = el('p', { class: 'widget-error', role: 'alert', 'data-testid': 'fmnist-error', hidden: true });
  const accuracyChart = new LossChart({
    label: 'Train and test accuracy against epochs',
    names: ['train', 'test'],
    testid: 'fmnist-accuracy-chart',
    xLabel: 'epochs',
    yLabel: 'accuracy (%)',
    yMin: 50,
    yMax: 100,
  });
  const lossChart = new LossChart({
    label: 'Train and test loss against epochs',
    names: ['train', 'test'],
    testid: 'fmnist-loss-chart',
    xLabel: 'epochs',
    yLabel: 'cross-entropy loss',
  });
  const layers = new LayerStatsView();
  const weights = new WeightsView();
  const confusion = new ConfusionView();
  const prediction = new PredictionView(rw);
  const pad = new DrawPad((pixels) => prediction.setInput(pixels));

  let loaded = false;
  let config: NetConfig | null = null;
  let epochs = 0;
  let reached: number | null = null;

  const showError = (e: unknown): void => {
    const err = e as Error;
    error.textContent = err instanceof WorkerError ? `${err.workerName}: ${err.message}` : String(err.message ?? err);
    error.hidden = false;
  };

  // Each view redraws in its own task, so no single task of the page's main thread runs long
  // (the weights alone are 100 000 pixels); a newer snapshot supersedes the pictures of one
  // still being shown (the readouts and curves always take every snapshot).
  let shown = 0;
  let run = 0;
  const show = (s: Snapshot): void => {
    const turn = ++shown;
    const thisRun = run;
    const always: (() => void)[] = [
      () => {
        epochOut.textContent = String(s.epoch);
        testAcc.textContent = percent(s.testAccuracy);
        trainAcc.textContent = percent(s.trainAccuracy);
        testLoss.textContent = s.testLoss.toFixed(3);
        time.textContent = `${s.trainSeconds.toFixed(1)} s`;
        if (reached === null && s.testAccuracy >= TARGET) reached = s.trainSeconds;
        time85.textContent = reached === null ? 'not yet' : `${reached.toFixed(1)} s`;
        epochProgress.value = s.epoch > 0 ? 1 : 0;
      },
      () => {
        // From epoch 1: fresh weights score about 10 %, far below the chart's floor of 50 %.
        if (s.epoch === 0) return;
        accuracyChart.push(0, s.epoch, 100 * s.trainAccuracy);
        accuracyChart.push(1, s.epoch, 100 * s.testAccuracy);
      },
      () => {
        if (s.epoch > 0) lossChart.push(0, s.epoch, s.trainLoss);
        lossChart.push(1, s.epoch, s.testLoss);
      },
    ];
    const latest: (() => void)[] = [
      () => layers.show(s.layers),
      () => weights.show(s.params[0]!.W, s.epoch),
      () => confusion.show(s),
      () => prediction.setNetwork(s, activation),
    ];
    const activation = config!.activation;
    const next = (): void => {
      if (thisRun !== run) return;
      const view = always.shift() ?? (turn === shown ? latest.shift() : undefined);
      view?.();
      if (view && (always.length > 0 || latest.length > 0)) setTimeout(next, 0);
    };
    next();
  };

  const snapshotOf = (r: Awaited<ReturnType<ImagesWorker['request']>>): Snapshot => {
    if (r.kind !== 'snapshot') throw new Error(`unexpected reply ${r.kind}`);
    return r.snapshot;
  };

  /** A fresh network from the form's values (the package checks them in the worker). */
  const reset = async (): Promise<void> => {
    error.hidden = true;
    const c = form.get();
    if (!Number.isInteger(c.epochs) || c.epochs < 1 || c.epochs > MAX_EPOCHS)
      throw new RangeError(`epochs must be a whole number from 1 to ${MAX_EPOCHS}, got ${c.epochs}`);
    run++;
    accuracyChart.reset();
    lossChart.reset();
    reached = null;
    config = c;
    epochs = c.epochs;
    show(snapshotOf(await worker.request({ type: 'init', config: c })));
  };

  const step = async (): Promise<boolean> => {
    epochProgress.value = 0;
    const s = snapshotOf(
      await worker.request({ type: 'epoch' }, (note) => {
        if (note.kind === 'epoch') epochProgress.value = note.fraction;
      }),
    );
    show(s);
    return s.epoch < epochs;
  };

  const pace = new WorkerPace({ root, prefix: 'fmnist', step, reset, onError: showError, enabled: false });
  // An edited choice starts a fresh run (once there is data to run on).
  const form = new ConfigForm(() => {
    if (loaded) void pace.reset();
  });
  // The comparison takes the form's current choices (a reset may still be queued behind it).
  const compare = new CompareView(
    worker,
    () => form.get(),
    async () => {
      pace.pause();
    },
  );

  const loader = new DataLoader(root, worker, (result) => {
    loaded = true;
    pad.setSamples(result.samples.pixels, result.samples.labels);
    pace.enabled = true;
    compare.enabled = true;
    void pace.reset();
  });

  mountInto(
    root,
    loader.element,
    form.element,
    el('div', { class: 'controls fmnist-pace' }, pace.element, epochProgress),
    error,
    statList(
      [
        ['epoch', epochOut],
        ['test accuracy (10 000 images)', testAcc],
        ['train accuracy (first 10 000)', trainAcc],
        ['test loss', testLoss],
        ['training time', time],
        ['time to 85 %', time85],
      ],
      { class: 'stats fmnist-stats' },
    ),
    el('div', { class: 'fmnist-charts' }, accuracyChart.element, lossChart.element),
    layers.element,
  );
  const place = (id: string, ...content: Node[]): void => {
    const f = figure(id);
    if (f) mountInto(f, ...content);
  };
  place('images-weights-widget', weights.element);
  place('images-confusion-widget', confusion.element);
  place('images-draw-widget', el('div', { class: 'fmnist-draw-layout' }, pad.element, prediction.element));
  place('images-compare-widget', compare.element);
}
