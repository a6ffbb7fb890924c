// The convolutional network the reader trains on Fashion-MNIST (the package's
// FASHION_MNIST_CNN_RECIPE through rw.createConvNet), in a worker (worker.ts), an epoch at a
// time at the reader's pace (pace.ts). The data loads when the figure comes near or Train is
// pressed (loader.ts). After every epoch the page shows the test accuracy on all 10 000 test
// images, the first layer's filters (filters-view.ts), one image's feature maps before and
// after ReLU (feature-maps.ts), and test accuracy against training time beside an MLP trained
// on the same images (the package's MLP recipe, 784-128-10). The main thread only draws.
//
// data-testids: cnn-train, cnn-step, cnn-reset (pace.ts), cnn-epoch ("3 of 8"),
// cnn-test-accuracy (e.g. "90.4%"), cnn-time (seconds of CNN training), cnn-elapsed (seconds
// since Train was first pressed, loading and evaluations included), cnn-epoch-progress,
// cnn-phase, cnn-compare-chart, cnn-compare-<cnn|mlp>-accuracy / -time, cnn-error.
import { FASHION_MNIST_CNN_RECIPE as C, FASHION_MNIST_RECIPE as M } from 'relu-wasm/datasets';
import { el, LossChart, statList } from 'relu-wasm/ui';

import { headRow, mountInto } from '../widget.js';
import { CnnWorker } from './bridge.js';
import { FeatureMapsView } from './feature-maps.js';
import { FiltersView } from './filters-view.js';
import { DataLoader, thousands } from './loader.js';
import { WorkerPace } from '../worker-pace.js';
import type { Progress, Snapshot } from './protocol.js';
import './cnn.css';

const percent = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '…');
const seconds = (s: number): string => `${s.toFixed(1)} s`;
/** The comparison chart's floor (both networks pass it in their first epoch; epoch 0 is drawn on it). */
const FLOOR = 70;

export function mountCnn(root: HTMLElement): void {
  const error = el('p', { class: 'widget-error', role: 'alert', 'data-testid': 'cnn-error', hidden: true });
  const showError = (e: unknown): void => {
    error.textContent = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    error.hidden = false;
  };
  const worker = new CnnWorker((message) =>
    showError(new Error(`the training worker stopped (${message}); reload the page to try again`)),
  );

  const epochOut = el('output', { 'data-testid': 'cnn-epoch' }, `0 of ${C.epochs}`);
  const accuracyOut = el('output', { 'data-testid': 'cnn-test-accuracy' }, '…');
  const timeOut = el('output', { 'data-testid': 'cnn-time' }, seconds(0));
  const elapsedOut = el('output', { 'data-testid': 'cnn-elapsed' }, '…');
  const progress = el('progress', {
    max: 1,
    value: 0,
    'data-testid': 'cnn-epoch-progress',
    'aria-label': 'Progress of the current epoch',
  });
  const phase = el('output', { class: 'cnn-phase', 'data-testid': 'cnn-phase' }, 'Not started.');
  const filters = new FiltersView();
  const maps = new FeatureMapsView((index) => {
    worker
      .request({ type: 'maps', sample: index })
      .then((r) => {
        if (r.kind === 'maps') maps.draw(r.maps);
      })
      .catch(showError);
  });
  const chart = new LossChart({
    label: 'Test accuracy against training time for the convolutional network and the MLP',
    names: ['CNN', 'MLP 784-128-10'],
    testid: 'cnn-compare-chart',
    xLabel: 'training time (s)',
    yLabel: 'test accuracy (%)',
    yMin: FLOOR,
    yMax: 100,
    height: 220,
  });
  const cell = (testid: string) => el('td', { 'data-testid': testid }, '…');
  const compare = {
    cnn: { epochs: el('td', {}, '0'), accuracy: cell('cnn-compare-cnn-accuracy'), time: cell('cnn-compare-cnn-time') },
    mlp: { epochs: el('td', {}, '0'), accuracy: cell('cnn-compare-mlp-accuracy'), time: cell('cnn-compare-mlp-time') },
  };
  const row = (name: string, c: (typeof compare)['cnn']) =>
    el('tr', {}, el('th', { scope: 'row' }, name), c.epochs, c.accuracy, c.time);
  const table = el(
    'table',
    { class: 'cnn-compare-table', 'data-testid': 'cnn-compare-table' },
    el('caption', {}, 'After the same epochs on the same training images'),
    headRow('network', 'epochs', 'test accuracy', 'training time'),
    el('tbody', {}, row('CNN (this figure)', compare.cnn), row('MLP 784-128-10', compare.mlp)),
  );

  let samplesReady = false;
  let ready: Promise<void> | null = null;
  let startedAt: number | null = null;
  let elapsedTimer = 0;

  // Each part of a snapshot is drawn in its own task, so no task on the page runs long.
  const show = (s: Snapshot): void => {
    const parts = [
      () => {
        epochOut.textContent = `${s.cnn.epoch} of ${C.epochs}`;
        accuracyOut.textContent = percent(s.cnn.accuracy);
        timeOut.textContent = seconds(s.cnn.trainSeconds);
        progress.value = s.cnn.epoch > 0 ? 1 : 0;
        for (const [c, p] of [
          [compare.cnn, s.cnn],
          [compare.mlp, s.mlp],
        ] as const) {
          c.epochs.textContent = String(p.epoch);
          c.accuracy.textContent = percent(p.accuracy);
          c.time.textContent = seconds(p.trainSeconds);
        }
        // Epoch 0 (about 10 %, chance) is drawn on the chart's floor.
        chart.push(0, s.cnn.trainSeconds, Math.max(FLOOR, 100 * s.cnn.accuracy));
        chart.push(1, s.mlp.trainSeconds, Math.max(FLOOR, 100 * s.mlp.accuracy));
      },
      () => filters.draw(s.filters, s.kernel, s.cnn.epoch),
      () => maps.draw(s.maps),
    ];
    for (const part of parts) setTimeout(part, 0);
  };

  const onProgress = (note: Progress): void => {
    if (note.kind === 'epoch') {
      if (note.network === 'cnn') progress.value = note.fraction;
      phase.textContent =
        note.network === 'cnn'
          ? `Training the CNN: ${Math.round(100 * note.fraction)}% of the epoch`
          : `Training the MLP for comparison: ${Math.round(100 * note.fraction)}%`;
    } else if (note.kind === 'evaluate') {
      phase.textContent = `Testing the ${note.network === 'cnn' ? 'CNN' : 'MLP'} on the test images: ${Math.round(100 * note.fraction)}%`;
    }
  };

  /** Loads the data (once) and makes fresh networks (epoch 0), shown at once. */
  const fresh = async (): Promise<void> => {
    const loaded = await loader.load();
    if (!samplesReady) {
      maps.setSamples(loaded.samples);
      samplesReady = true;
    }
    phase.textContent = 'Initialising the networks and testing them…';
    const r = await worker.request({ type: 'init', sample: maps.chosen }, onProgress);
    if (r.kind !== 'snapshot') throw new Error(`unexpected reply ${r.kind}`);
    chart.reset();
    show(r.snapshot);
    phase.textContent = `Ready: ${thousands(loaded.trainCount)} training images, ${C.epochs} epochs.`;
  };
  const prepare = (): Promise<void> => {
    ready ??= fresh().catch((e: unknown) => {
      ready = null;
      throw e;
    });
    return ready;
  };

  const pace = new WorkerPace({
    root,
    prefix: 'cnn',
    step: async () => {
      if (startedAt === null) {
        startedAt = performance.now();
        elapsedTimer = window.setInterval(() => {
          elapsedOut.textContent = seconds((performance.now() - startedAt!) / 1000);
        }, 500);
      }
      error.hidden = true;
      await prepare();
      progress.value = 0;
      const r = await worker.request({ type: 'epoch', sample: maps.chosen }, onProgress);
      if (r.kind !== 'snapshot') throw new Error(`unexpected reply ${r.kind}`);
      show(r.snapshot);
      const more = r.snapshot.cnn.epoch < C.epochs;
      phase.textContent = more ? `Epoch ${r.snapshot.cnn.epoch} done.` : `Done: ${C.epochs} epochs.`;
      if (!more) {
        window.clearInterval(elapsedTimer);
        elapsedOut.textContent = seconds((performance.now() - startedAt) / 1000);
      }
      return more;
    },
    reset: async () => {
      window.clearInterval(elapsedTimer);
      startedAt = null;
      elapsedOut.textContent = '…';
      ready = null;
      await prepare();
    },
    onError: (e) => {
      phase.textContent = 'Stopped.';
      window.clearInterval(elapsedTimer);
      // The loader says itself why the data is missing.
      if (!(e instanceof Error && e.message.includes('fashion-mnist'))) showError(e);
    },
  });
  const loader = new DataLoader(root, worker, () => void prepare().catch(() => undefined));

  mountInto(
    root,
    el('div', { class: 'controls cnn-controls' }, pace.element),
    loader.element,
    statList(
      [
        ['Epoch', epochOut],
        ['Test accuracy (10 000 images)', accuracyOut],
        ['CNN training time', timeOut],
        ['Since you pressed Train', elapsedOut],
      ],
      { class: 'stats cnn-stats' },
    ),
    el('div', { class: 'cnn-row' }, progress, phase),
    error,
    el('div', { class: 'cnn-views' }, filters.element, maps.element),
    el('div', { class: 'cnn-compare' }, el('h4', {}, 'Against an MLP on the same images'), chart.element, table),
    el(
      'figcaption',
      {},
      `The network: ${describeLayers()}, ReLU after each convolution and hidden layer, Adam (learning rate ${C.lr}, ` +
        `times ${C.lrDecay} after each epoch), minibatches of ${C.batchSize}, ` +
        `${thousands(C.trainImages)} training images; the MLP: ${M.sizes.join('-')} ReLU, Adam (${M.lr}). ` +
        'Both train in a background worker on this page, one epoch at a time.',
    ),
  );
}

function describeLayers(): string {
  const last = C.layers.length - 1;
  return C.layers
    .map((l, i) =>
      'conv' in l
        ? `${l.conv} ${l.kernel}×${l.kernel} filters`
        : 'pool' in l
          ? '2×2 max pooling'
          : i === last
            ? `${l.dense} outputs`
            : `a dense layer of ${l.dense}`,
    )
    .join(', ');
}
