// The playground's wiring. Data flows one way, as in TensorFlow Playground:
// URL hash -> state -> controls -> reset -> timer -> train step (in the worker) -> draw.
//
// Stable data-testids (also used by outside checks):
//   run:      play, step, reset, steps, epoch, backend
//   settings: learning-rate, activation, regularization, regularization-rate, problem,
//             optimizer, leaky-slope, batch-size, steps-per-second
//   data:     dataset, noise, perc-train, seed, regenerate, show-test, discretize,
//             csv-input (file), csv-text, csv-load, csv-error, csv-status, click-label, export-csv
//   network:  network, network-shape, add-layer, remove-layer, feature-<x|y|xSquared|...>,
//             neuron-panel, neuron-bias, neuron-bias-grad, neuron-weights, weight-<in>,
//             weight-grad-<in>, link-info, units-prev-<l>, units-next-<l>, units-page-<l>,
//             network-scroll-hint; nodes carry data-layer and data-unit
//   output:   train-loss, test-loss, train-acc, test-acc, dead-units (numbers as plain text),
//             loss-chart, loss-log, boundary (data-showing: network | neuron:<layer>:<unit> |
//             feature:<name>), boundary-showing, colour-scale, crosshair, divergence,
//             divergence-message, divergence-reset
//   tools:    preset-<id>, gradcheck, gradcheck-table, gradcheck-max, gradcheck-kinks, gradcheck-verdict, export-json, import-json,
//             json-error, url-warnings
import { FLOAT32_MAX } from 'relu-wasm';
import { DOMAIN } from 'relu-wasm/datasets';
import {
  classColor,
  cssColor,
  diverging,
  fromClient,
  LossChart,
  mix,
  NEUTRAL,
  paintActivations,
  paintBoundary,
  paintGrid,
  paintPoints,
  toCanvas,
  type RGB,
} from 'relu-wasm/ui';

import { parseCsv, toCsv, type LoadedData } from './csv.js';
import {
  fromLoaded,
  generate,
  GRID,
  gridCoords,
  featurize,
  FEATURE_LABELS,
  NEURON_GRID,
  networkSizes,
  tensors,
  type Data,
} from './data.js';
import { WorkerBridge } from './bridge.js';
import { toJSON, parseNetwork } from './network-json.js';
import { NetworkView, type LinkRef, type Target } from './network-view.js';
import { PRESETS } from './presets.js';
import type { DataMessage, Frame, LayerJSON, NetConfig, Reply, TrainConfig } from './protocol.js';
import {
  activeFeatures,
  cloneState,
  DEFAULTS,
  FEATURES,
  LEARNING_RATES,
  LIMITS,
  parseHash,
  REG_RATES,
  seedToUint32,
  serializeState,
  type Feature,
  type State,
} from './state.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  play: $<HTMLButtonElement>('play'),
  step: $<HTMLButtonElement>('step'),
  reset: $<HTMLButtonElement>('reset'),
  steps: $<HTMLOutputElement>('steps'),
  epoch: $<HTMLOutputElement>('epoch'),
  backend: $<HTMLOutputElement>('backend'),
  learningRate: $<HTMLSelectElement>('learningRate'),
  activation: $<HTMLSelectElement>('activation'),
  regularization: $<HTMLSelectElement>('regularization'),
  regularizationRate: $<HTMLSelectElement>('regularizationRate'),
  problem: $<HTMLSelectElement>('problem'),
  optimizer: $<HTMLSelectElement>('optimizer'),
  batchSize: $<HTMLInputElement>('batchSize'),
  leakySlope: $<HTMLInputElement>('leakySlope'),
  stepsPerSecond: $<HTMLInputElement>('stepsPerSecond'),
  dataset: $<HTMLSelectElement>('dataset'),
  noise: $<HTMLInputElement>('noise'),
  noiseValue: $<HTMLOutputElement>('noise-value'),
  percTrainData: $<HTMLInputElement>('percTrainData'),
  percValue: $<HTMLOutputElement>('perc-value'),
  seed: $<HTMLInputElement>('seed'),
  regenerate: $<HTMLButtonElement>('regenerate'),
  showTestData: $<HTMLInputElement>('showTestData'),
  discretize: $<HTMLInputElement>('discretize'),
  csvFile: $<HTMLInputElement>('csv-file'),
  csvText: $<HTMLTextAreaElement>('csv-text'),
  csvLoad: $<HTMLButtonElement>('csv-load'),
  csvError: $<HTMLParagraphElement>('csv-error'),
  csvStatus: $<HTMLParagraphElement>('csv-status'),
  clickLabel: $<HTMLSelectElement>('click-label'),
  exportCsv: $<HTMLButtonElement>('export-csv'),
  layerCount: $<HTMLOutputElement>('layer-count'),
  layerNoun: $<HTMLSpanElement>('layer-noun'),
  addLayer: $<HTMLButtonElement>('add-layer'),
  removeLayer: $<HTMLButtonElement>('remove-layer'),
  networkShape: $<HTMLInputElement>('networkShape'),
  network: $<HTMLDivElement>('network'),
  neuronPanel: $<HTMLDivElement>('neuron-panel'),
  neuronTitle: $<HTMLParagraphElement>('neuron-title'),
  neuronBias: $<HTMLInputElement>('neuron-bias'),
  neuronBiasGrad: $<HTMLOutputElement>('neuron-bias-grad'),
  neuronWeights: $<HTMLTableSectionElement>('neuron-weights-rows'),
  linkInfo: $<HTMLParagraphElement>('link-info'),
  boundaryShowing: $<HTMLParagraphElement>('boundary-showing'),
  scaleBar: $<HTMLCanvasElement>('colour-bar'),
  scaleTitle: $<HTMLSpanElement>('colour-scale-title'),
  scaleLabels: $<HTMLDivElement>('colour-scale-labels'),
  crosshair: $<HTMLParagraphElement>('crosshair'),
  trainLoss: $<HTMLOutputElement>('train-loss'),
  testLoss: $<HTMLOutputElement>('test-loss'),
  trainAcc: $<HTMLOutputElement>('train-acc'),
  testAcc: $<HTMLOutputElement>('test-acc'),
  deadUnits: $<HTMLOutputElement>('dead-units'),
  lossChart: $<HTMLDivElement>('loss-chart'),
  lossLog: $<HTMLInputElement>('loss-log'),
  divergence: $<HTMLDivElement>('divergence'),
  divergenceMessage: $<HTMLParagraphElement>('divergence-message'),
  divergenceReset: $<HTMLButtonElement>('divergence-reset'),
  boundary: $<HTMLCanvasElement>('boundary'),
  presets: $<HTMLDivElement>('presets'),
  presetNote: $<HTMLParagraphElement>('preset-note'),
  gradcheck: $<HTMLButtonElement>('gradcheck'),
  gradcheckRows: $<HTMLTableSectionElement>('gradcheck-rows'),
  gradcheckMax: $<HTMLOutputElement>('gradcheck-max'),
  gradcheckKinks: $<HTMLOutputElement>('gradcheck-kinks'),
  gradcheckVerdict: $<HTMLParagraphElement>('gradcheck-verdict'),
  exportJson: $<HTMLButtonElement>('export-json'),
  importJson: $<HTMLInputElement>('import-json'),
  jsonError: $<HTMLParagraphElement>('json-error'),
  urlWarnings: $<HTMLUListElement>('url-warnings'),
};

let state: State = cloneState(DEFAULTS);
let data: Data = generate(state);
/** The reader's loaded (or click-edited) points; kept across resets and setting changes. */
let custom: LoadedData | null = null;
let frame: Frame | null = null;
let playing = false;
let inFlight = false;
/** Bumped on every reset, so replies meant for an older network are dropped. */
let generation = 0;
let lastHash = '';
/** The neuron in the panel: weight layer `layer` (its column minus 1) and unit. */
let selected: { layer: number; unit: number } | null = null;
/** What the big heatmap shows instead of the network's output: the hovered, else the focused node. */
let hovered: Target | null = null;
let focusedNode: Target | null = null;
/** The hidden unit the worker was asked to put on the big grid in each frame. */
let workerFocus: { layer: number; unit: number } | null = null;
let hoveredLink: LinkRef | null = null;
/** The link whose weight is focused in the panel; emphasised when no link is hovered. */
let focusedWeight: LinkRef | null = null;
/** The keyboard's crosshair on the big heatmap, in data coordinates, and whether it is drawn. */
const cursor = { x1: 0, x2: 0 };
let crosshairOn = false;
let carry = 0;
let lastTick = 0;

const chart = new LossChart({
  label: 'Training loss (dark, solid) and test loss (blue, dashed) over training steps',
  names: ['training', 'test'],
  colors: ['#1f2328', '#0877bd'],
  testid: 'loss-chart',
  width: 320,
  height: 150,
  xLabel: 'steps',
  yLabel: 'loss',
});
ui.lossChart.append(chart.element);
ui.lossLog.addEventListener('change', () => chart.setLog(ui.lossLog.checked));
const bridge = new WorkerBridge((message) => pauseWithMessage(`The training worker stopped (${message}).`));
const view = new NetworkView(ui.network, {
  onFeature(feature, on) {
    const next = cloneState(state);
    next[feature] = on;
    if (activeFeatures(next).length === 0) {
      rebuildView();
      return;
    }
    state = next;
    commit(true);
  },
  onUnits(layer, delta) {
    const n = (state.networkShape[layer] ?? 1) + delta;
    if (n < LIMITS.units[0] || n > LIMITS.units[1]) return;
    state.networkShape[layer] = n;
    commit(true);
  },
  onSelect(layer, unit) {
    selectNeuron(layer, unit);
    ui.neuronBias.focus();
  },
  onPreview(source, target) {
    if (source === 'hover') hovered = target;
    else focusedNode = target;
    previewChanged();
  },
  onLinkHover(link) {
    hoveredLink = link;
    view.highlightLink(link ?? focusedWeight);
    showLinkInfo();
  },
  onLinkSelect(link) {
    selectNeuron(link.layer, link.out);
    const input = ui.neuronWeights.querySelector<HTMLInputElement>(`[data-testid="weight-${link.in}"]`);
    input?.focus();
  },
});

// ---- state -> controls ------------------------------------------------------------------

function fillNumberSelect(select: HTMLSelectElement, values: number[], current: number): void {
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => a - b);
  select.replaceChildren(...all.map((v) => new Option(String(v), String(v), false, v === current)));
}

function fillDatasetSelect(): void {
  const options: HTMLOptionElement[] = [];
  const add = (value: string, text: string) => options.push(new Option(text, value));
  if (state.problem === 'classification') {
    add('circle', 'Circle');
    add('xor', 'Exclusive or');
    add('gauss', 'Gaussian');
    add('spiral', 'Spiral');
    add('cs231n-spiral', 'CS231n spiral (3 classes)');
  } else {
    add('reg-plane', 'Plane');
    add('reg-gauss', 'Multi Gaussian');
  }
  if (custom) add('custom', 'Your data');
  ui.dataset.replaceChildren(...options);
  ui.dataset.value = custom ? 'custom' : state.problem === 'classification' ? state.dataset : state.regDataset;
}

function fillClickLabel(): void {
  const opts: HTMLOptionElement[] = [];
  if (data.kind === 'regression') for (const v of [1, 0.5, 0, -0.5, -1]) opts.push(new Option(`value ${v}`, String(v)));
  else
    for (let k = 0; k < data.classes; k++)
      opts.push(new Option(k === 0 ? 'class 0 (orange)' : k === 1 ? 'class 1 (blue)' : `class ${k}`, String(k)));
  const before = ui.clickLabel.value;
  ui.clickLabel.replaceChildren(...opts);
  if ([...ui.clickLabel.options].some((o) => o.value === before)) ui.clickLabel.value = before;
}

function controlsFromState(): void {
  fillNumberSelect(ui.learningRate, LEARNING_RATES, state.learningRate);
  fillNumberSelect(ui.regularizationRate, REG_RATES, state.regularizationRate);
  ui.activation.value = state.activation;
  ui.regularization.value = state.regularization;
  ui.problem.value = state.problem;
  ui.optimizer.value = state.optimizer;
  ui.batchSize.value = String(state.batchSize);
  ui.leakySlope.value = String(state.leakySlope);
  ui.leakySlope.disabled = state.activation !== 'leaky_relu';
  ui.stepsPerSecond.value = String(state.stepsPerSecond);
  ui.noise.value = String(state.noise);
  ui.noiseValue.textContent = String(state.noise);
  ui.percTrainData.value = String(state.percTrainData);
  ui.percValue.textContent = String(state.percTrainData);
  ui.seed.value = state.seed;
  ui.showTestData.checked = state.showTestData;
  ui.discretize.checked = state.discretize;
  ui.networkShape.value = state.networkShape.join(',');
  ui.layerCount.textContent = String(state.networkShape.length);
  ui.layerNoun.textContent = state.networkShape.length === 1 ? 'hidden layer' : 'hidden layers';
  ui.removeLayer.disabled = state.networkShape.length <= LIMITS.layers[0];
  ui.addLayer.disabled = state.networkShape.length >= LIMITS.layers[1];
  fillDatasetSelect();
}

function writeHash(): void {
  lastHash = `#${serializeState(state)}`;
  if (location.hash !== lastHash) history.replaceState(null, '', lastHash);
}

function showWarnings(warnings: string[]): void {
  ui.urlWarnings.replaceChildren(
    ...warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }),
  );
}

// ---- data and reset ---------------------------------------------------------------------

function makeData(): void {
  data = custom ? fromLoaded(custom, state) : generate(state);
  fillClickLabel();
}

function dataMessage(): DataMessage {
  const features = activeFeatures(state);
  const tr = tensors(data.train, data.kind, features);
  const te = tensors(data.test, data.kind, features);
  return {
    trainX: tr.X,
    trainY: tr.Y,
    testX: te.X,
    testY: te.Y,
    gridX: featurize(gridCoords(GRID), features),
    neuronGridX: featurize(gridCoords(NEURON_GRID), features),
  };
}

function transfers(d: DataMessage): Transferable[] {
  return [d.trainX.buffer, d.trainY.buffer, d.testX.buffer, d.testY.buffer, d.gridX.buffer, d.neuronGridX.buffer];
}

function trainConfig(): TrainConfig {
  return {
    lr: state.learningRate,
    l1: state.regularization === 'L1' ? state.regularizationRate : 0,
    l2: state.regularization === 'L2' ? state.regularizationRate : 0,
    optimizer: state.optimizer,
    batchSize: state.batchSize,
  };
}

function netConfig(): NetConfig {
  return {
    sizes: networkSizes(state, data),
    activation: state.activation,
    leakySlope: state.leakySlope,
    loss: data.kind === 'regression' ? 'mse' : data.kind === 'multiclass' ? 'softmax_ce' : 'bce',
    init: state.initZero ? 'zeros' : state.activation === 'relu' || state.activation === 'leaky_relu' ? 'he' : 'xavier',
    seed: seedToUint32(state.seed),
  };
}

function rebuildView(): void {
  view.build(networkSizes(state, data), activeFeatures(state), data.kind);
  selected = null;
  view.select(null);
  hovered = focusedNode = hoveredLink = focusedWeight = null;
  workerFocus = null;
  ui.neuronPanel.hidden = true;
  showLinkInfo();
}

/** A fresh network on the current data: the old worker is terminated, whatever it was doing. */
function reset(layers?: LayerJSON[]): void {
  setPlaying(false);
  generation++;
  inFlight = false;
  bridge.restart();
  frame = null;
  chart.reset();
  ui.divergence.hidden = true;
  rebuildView();
  const d = dataMessage();
  const gen = generation;
  const init = {
    type: 'init' as const,
    net: netConfig(),
    train: trainConfig(),
    data: d,
    ...(layers ? { layers } : {}),
  };
  bridge.request(init, transfers(d)).then((r) => accept(r, gen), ignoreReset);
  bridge.request({ type: 'options', train: trainConfig() }).then((r) => {
    if (r.type === 'ready') ui.backend.textContent = r.backend;
  }, ignoreReset);
}

function ignoreReset(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  if (message !== 'reset') pauseWithMessage(message);
}

/** Applies a change of settings: new hash, controls, and (if it changes the net or data) a reset. */
function commit(needsReset: boolean, regenerate = false): void {
  writeHash();
  controlsFromState();
  if (regenerate) makeData();
  if (needsReset) reset();
  else bridge.request({ type: 'options', train: trainConfig() }).catch(ignoreReset);
}

function loadFromHash(): void {
  const { state: parsed, warnings } = parseHash(location.hash);
  if (activeFeatures(parsed).length === 0) {
    parsed.x = parsed.y = true;
    warnings.push('No input feature was selected; x and y were turned on.');
  }
  state = parsed;
  showWarnings(warnings);
  custom = null;
  writeHash();
  controlsFromState();
  makeData();
  reset();
}

// ---- the timer and drawing --------------------------------------------------------------

// Drawn as SVG: the play and pause characters are missing from many system fonts.
const SVG_NS = 'http://www.w3.org/2000/svg';
function playIcon(pause: boolean): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '24');
  svg.setAttribute('height', '24');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', pause ? 'M6 4h4v16H6zM14 4h4v16h-4z' : 'M7 4l13 8-13 8z');
  shape.setAttribute('fill', 'currentColor');
  svg.append(shape);
  return svg;
}

function setPlaying(on: boolean): void {
  playing = on;
  ui.play.replaceChildren(playIcon(on));
  ui.play.setAttribute('aria-pressed', String(on));
  ui.play.setAttribute('aria-label', on ? 'Pause' : 'Train');
  ui.play.classList.toggle('playing', on);
  lastTick = performance.now();
  carry = 0;
}

function trainSteps(steps: number): void {
  if (inFlight) return;
  inFlight = true;
  const gen = generation;
  bridge
    .request({ type: 'train', steps })
    .then((r) => accept(r, gen), ignoreReset)
    .finally(() => {
      if (gen === generation) inFlight = false;
    });
}

function tick(now: number): void {
  if (playing && !inFlight) {
    const dt = Math.min(0.1, (now - lastTick) / 1000);
    carry += dt * state.stepsPerSecond;
    const steps = Math.floor(carry);
    if (steps > 0) {
      carry -= steps;
      trainSteps(steps);
    }
  }
  lastTick = now;
  requestAnimationFrame(tick);
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : String(v);
  return Math.abs(v) >= 1e4 ? v.toExponential(3) : String(Number(v.toFixed(4)));
}

function accept(reply: Reply, gen: number): void {
  if (gen !== generation || reply.type !== 'frame') return;
  frame = reply;
  // Canvases first: they read layout sizes, which is free before any text has changed.
  drawPlot();
  chart.push(0, reply.steps, reply.trainLoss);
  chart.push(1, reply.steps, reply.testLoss);
  ui.steps.textContent = String(reply.steps);
  const rows = Math.max(1, data.train.length);
  ui.epoch.textContent = String(Math.floor((reply.steps * Math.min(state.batchSize, rows)) / rows));
  ui.trainLoss.textContent = fmt(reply.trainLoss);
  ui.testLoss.textContent = data.test.length ? fmt(reply.testLoss) : '–';
  ui.trainAcc.textContent = Number.isFinite(reply.trainAcc) ? `${(reply.trainAcc * 100).toFixed(1)}%` : '–';
  ui.testAcc.textContent = Number.isFinite(reply.testAcc) ? `${(reply.testAcc * 100).toFixed(1)}%` : '–';
  ui.deadUnits.textContent = String(reply.dead.reduce((n, d) => n + d.length, 0));
  view.update(reply, state.discretize);
  showNeuron();
  if (hoveredLink) showLinkInfo();
  if (reply.diverged) {
    pauseWithMessage(
      `Training paused: ${reply.diverged} The learning rate (${state.learningRate}) is probably too high for this network and data: each step overshoots and the weights grow without bound. Lower the learning rate, then reset. Your settings and data are kept.`,
    );
  }
}

function pauseWithMessage(message: string): void {
  setPlaying(false);
  ui.divergenceMessage.textContent = message;
  ui.divergence.hidden = false;
}

function drawPlot(): void {
  const c = ui.boundary;
  const dpr = window.devicePixelRatio || 1;
  const size = Math.max(1, Math.round(c.clientWidth * dpr));
  if (c.width !== size || c.height !== size) c.width = c.height = size;
  const ctx = c.getContext('2d')!;
  const kind = data.kind;
  const shown = paintShown(ctx);
  if (c.dataset.showing !== shown.id) c.dataset.showing = shown.id;
  if (ui.boundaryShowing.textContent !== shown.caption) ui.boundaryShowing.textContent = shown.caption;
  paintScale(shown.scale);
  paintPoints(ctx, data.train, { extent: DOMAIN, kind });
  if (state.showTestData) paintPoints(ctx, data.test, { extent: DOMAIN, kind, dark: true });
  if (crosshairOn) paintCrosshair(ctx);
}

// ---- what the big heatmap shows: the network's output, or a hovered or focused node's ------

type Scale =
  | { kind: 'probability' }
  | { kind: 'classes'; classes: number }
  | { kind: 'class'; k: number }
  | { kind: 'signed'; max: number; title: string };

/** The shown node: hovered first (as in TF Playground), else the focused one. */
function preview(): Target | null {
  const t = hovered ?? focusedNode;
  if (!t || t.kind === 'feature') return t;
  return t.layer >= 1 && t.layer < networkSizes(state, data).length ? t : null;
}

function previewChanged(): void {
  const t = preview();
  const last = networkSizes(state, data).length - 1;
  const want = t?.kind === 'neuron' && t.layer < last ? { layer: t.layer - 1, unit: t.unit } : null;
  if (want?.layer !== workerFocus?.layer || want?.unit !== workerFocus?.unit) {
    workerFocus = want;
    const gen = generation;
    bridge
      .request({ type: 'focus', layer: want?.layer ?? null, unit: want?.unit ?? 0 })
      .then((r) => accept(r, gen), ignoreReset);
  }
  drawPlot();
}

const featureGrids = new Map<Feature, Float32Array>();
function featureGrid(f: Feature): Float32Array {
  let g = featureGrids.get(f);
  if (!g) featureGrids.set(f, (g = featurize(gridCoords(GRID), [f])));
  return g;
}

function maxAbs(values: ArrayLike<number>, units = 1, unit = 0): number {
  let max = 1;
  for (let i = unit; i < values.length; i += units) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

/** Paints what the heatmap shows now; returns its id (data-showing), caption and colour scale. */
function paintShown(ctx: CanvasRenderingContext2D): { id: string; caption: string; scale: Scale } {
  const kind = data.kind;
  const t = preview();
  const network: Scale =
    kind === 'multiclass'
      ? { kind: 'classes', classes: frame?.outputs ?? data.classes }
      : kind === 'regression'
        ? { kind: 'signed', max: 1, title: 'Output value' }
        : { kind: 'probability' };
  const paintNetwork = () => {
    if (frame) paintBoundary(ctx, frame.output, GRID, { outputs: frame.outputs, kind, discretize: state.discretize });
    else ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  };
  if (t?.kind === 'feature') {
    const values = featureGrid(t.feature);
    paintActivations(ctx, values, GRID);
    const name = FEATURE_LABELS[t.feature];
    return {
      id: `feature:${t.feature}`,
      caption: `Showing the input feature ${name} (move away to see the network's output).`,
      scale: { kind: 'signed', max: maxAbs(values), title: `Feature ${name}` },
    };
  }
  if (t?.kind === 'neuron' && frame) {
    const name = view.nodeName(t.layer, t.unit);
    const id = `neuron:${t.layer}:${t.unit}`;
    const caption = `Showing ${name}'s output (move away to see the network's output).`;
    const isOutput = t.layer === frame.layers.length;
    if (!isOutput) {
      const f = frame.focus;
      const units = networkSizes(state, data)[t.layer]!;
      let max: number;
      if (f && f.layer === t.layer - 1 && f.unit === t.unit) {
        paintActivations(ctx, f.values, GRID, 1, 0, state.discretize);
        max = maxAbs(f.values);
      } else {
        // Until the worker's fine grid arrives: the thumbnail's coarse grid, smoothed.
        const acts = frame.neurons[t.layer - 1]!;
        paintActivations(ctx, acts, NEURON_GRID, units, t.unit, state.discretize);
        max = maxAbs(acts, units, t.unit);
      }
      return { id, caption, scale: { kind: 'signed', max, title: `Output of ${name}` } };
    }
    if (kind === 'multiclass') {
      const k = t.unit;
      const n = frame.outputs;
      paintGrid(ctx, GRID, (i) => mix(NEUTRAL, classColor(k), Math.max(0, Math.min(1, frame!.output[i * n + k]!))));
      return { id, caption: `Showing the probability of class ${k}.`, scale: { kind: 'class', k } };
    }
    paintNetwork();
    return { id, caption: `Showing the ${name} (the network's output).`, scale: network };
  }
  paintNetwork();
  return { id: 'network', caption: "Showing the network's output.", scale: network };
}

/** The colour bar under the heatmap and its labels, matching what is painted. */
function paintScale(scale: Scale): void {
  const key = JSON.stringify(scale);
  if (ui.scaleBar.dataset.key === key) return;
  ui.scaleBar.dataset.key = key;
  const c = ui.scaleBar;
  const ctx = c.getContext('2d')!;
  const w = c.width;
  const labels: string[] = [];
  let title: string;
  // paintBoundary paints P(class 1) at 80 % of the full colour (see relu-wasm/ui's heatmap).
  let colorAt: (t: number) => RGB;
  if (scale.kind === 'probability') {
    colorAt = (t) => diverging((2 * t - 1) * 0.8);
    title = 'Probability of class 1 (blue); orange: class 0';
    labels.push('0', '0.5', '1');
  } else if (scale.kind === 'class') {
    const k = scale.k;
    colorAt = (t) => mix(NEUTRAL, classColor(k), t);
    title = `Probability of class ${k}`;
    labels.push('0', '0.5', '1');
  } else if (scale.kind === 'classes') {
    const n = scale.classes;
    colorAt = (t) => mix(NEUTRAL, classColor(Math.min(n - 1, Math.floor(t * n))), 0.75);
    title = 'Most likely class (paler where the network is less sure)';
    for (let k = 0; k < n; k++) labels.push(`class ${k}`);
  } else {
    colorAt = (t) => diverging(2 * t - 1);
    title = scale.title;
    const m = Number(scale.max.toPrecision(2));
    labels.push(`−${m}`, '0', `${m}`);
  }
  for (let x = 0; x < w; x++) {
    ctx.fillStyle = cssColor(colorAt((x + 0.5) / w));
    ctx.fillRect(x, 0, 1, c.height);
  }
  ui.scaleTitle.textContent = title;
  ui.scaleLabels.classList.toggle('spread', scale.kind === 'classes');
  ui.scaleLabels.replaceChildren(
    ...labels.map((l) => Object.assign(document.createElement('span'), { textContent: l })),
  );
  c.setAttribute('aria-label', `Colour scale: ${title}, from ${labels[0]} to ${labels.at(-1)}`);
}

function paintCrosshair(ctx: CanvasRenderingContext2D): void {
  const [x, y] = toCanvas(ctx, cursor.x1, cursor.x2, DOMAIN);
  const { width, height } = ctx.canvas;
  const r = Math.max(6, width / 40);
  ctx.save();
  for (const [color, lw] of [
    ['#fff', 4],
    ['#1f2328', 2],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = lw * (window.devicePixelRatio || 1);
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, y - r);
    ctx.moveTo(x, y + r);
    ctx.lineTo(x, height);
    ctx.moveTo(0, y);
    ctx.lineTo(x - r, y);
    ctx.moveTo(x + r, y);
    ctx.lineTo(width, y);
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
}

// ---- the selected neuron's panel and the links ---------------------------------------------

function gradText(g: number | undefined): string {
  if (g === undefined || !Number.isFinite(g)) return '–';
  return g === 0 ? '0' : Math.abs(g) < 1e-3 || Math.abs(g) >= 1e4 ? g.toExponential(2) : g.toFixed(4);
}

function weightOf(ref: LinkRef, from: 'layers' | 'grads'): number | undefined {
  const inputs = networkSizes(state, data)[ref.layer]!;
  return frame?.[from][ref.layer]?.W[ref.out * inputs + ref.in];
}

function showLinkInfo(): void {
  const ref = hoveredLink;
  if (!ref) {
    ui.linkInfo.textContent =
      'Hover a link to see its weight and gradient; click it, or select a neuron, to edit the weights into it.';
    return;
  }
  const w = weightOf(ref, 'layers');
  ui.linkInfo.textContent = `Weight from ${view.nodeName(ref.layer, ref.in)} to ${view.nodeName(ref.layer + 1, ref.out)}: ${
    w === undefined ? '–' : fmt(w)
  }; gradient ${gradText(weightOf(ref, 'grads'))}. Click to edit.`;
}

/** Opens the panel on weight layer `layer`'s unit: bias, and one row per incoming weight. */
function selectNeuron(layer: number, unit: number): void {
  selected = { layer, unit };
  view.select(layer, unit);
  const inputs = networkSizes(state, data)[layer]!;
  const rows: HTMLTableRowElement[] = [];
  for (let i = 0; i < inputs; i++) {
    const ref: LinkRef = { layer, out: unit, in: i };
    const name = view.nodeName(layer, i);
    const tr = document.createElement('tr');
    const th = Object.assign(document.createElement('th'), { scope: 'row', textContent: name });
    const input = Object.assign(document.createElement('input'), { type: 'number', step: '0.01' });
    input.dataset.testid = `weight-${i}`;
    input.setAttribute('aria-label', `Weight from ${name}`);
    input.addEventListener('focus', () => {
      focusedWeight = ref;
      view.highlightLink(hoveredLink ?? ref);
    });
    input.addEventListener('blur', () => {
      focusedWeight = null;
      view.highlightLink(hoveredLink);
    });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      // A weight beyond float32 would become Infinity in the engine: refused like NaN.
      if (input.value.trim() === '' || !Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) return;
      const gen = generation;
      bridge.request({ type: 'setWeight', ...ref, value: v }).then((r) => accept(r, gen), ignoreReset);
    });
    const grad = document.createElement('output');
    grad.dataset.testid = `weight-grad-${i}`;
    const td = (child: Node) => {
      const cell = document.createElement('td');
      cell.append(child);
      return cell;
    };
    tr.append(th, td(input), td(grad));
    rows.push(tr);
  }
  ui.neuronWeights.replaceChildren(...rows);
  showNeuron();
}

function showNeuron(): void {
  if (!selected || !frame) return;
  const { layer, unit } = selected;
  const p = frame.layers[layer];
  const b = p?.b[unit];
  if (!p || b === undefined) return;
  const isOutput = layer === frame.layers.length - 1;
  const dead = frame.dead[layer]?.includes(unit) ?? false;
  ui.neuronPanel.hidden = false;
  const cls = isOutput && data.kind === 'multiclass' ? ` (class ${unit})` : '';
  ui.neuronTitle.textContent = `${isOutput ? 'Output' : `Layer ${layer + 1}`} neuron ${unit + 1}${cls}${dead ? ' (dead: outputs 0 on every training point)' : ''}`;
  if (document.activeElement !== ui.neuronBias) ui.neuronBias.value = String(Number(b.toFixed(4)));
  ui.neuronBiasGrad.textContent = gradText(frame.grads[layer]?.b[unit]);
  const inputs = p.W.length / p.b.length;
  const g = frame.grads[layer]?.W;
  ui.neuronWeights.querySelectorAll<HTMLTableRowElement>('tr').forEach((tr, i) => {
    const input = tr.querySelector('input')!;
    const w = p.W[unit * inputs + i];
    if (document.activeElement !== input && w !== undefined) input.value = String(Number(w.toFixed(4)));
    const text = gradText(g?.[unit * inputs + i]);
    const out = tr.querySelector('output')!;
    if (out.textContent !== text) out.textContent = text;
  });
}

// ---- controls -> state ------------------------------------------------------------------

function numberInput(input: HTMLInputElement, key: 'batchSize' | 'stepsPerSecond', needsReset: boolean): void {
  input.addEventListener('change', () => {
    const [min, max] = LIMITS[key];
    const v = Math.round(Number(input.value));
    state[key] = Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : DEFAULTS[key];
    commit(needsReset);
  });
}

function bindControls(): void {
  ui.play.addEventListener('click', () => {
    if (frame?.diverged) return;
    setPlaying(!playing);
  });
  ui.step.addEventListener('click', () => {
    if (frame?.diverged) return;
    setPlaying(false);
    trainSteps(Math.max(1, Math.ceil(data.train.length / state.batchSize)));
  });
  ui.reset.addEventListener('click', () => reset());
  ui.divergenceReset.addEventListener('click', () => reset());
  // Menus whose value goes straight into the state; `needsReset` when the network changes.
  const menus: Array<
    [HTMLSelectElement, 'learningRate' | 'regularizationRate' | 'regularization' | 'optimizer' | 'activation', boolean]
  > = [
    [ui.learningRate, 'learningRate', false],
    [ui.regularizationRate, 'regularizationRate', false],
    [ui.regularization, 'regularization', false],
    [ui.optimizer, 'optimizer', false],
    [ui.activation, 'activation', true],
  ];
  for (const [menu, key, needsReset] of menus) {
    menu.addEventListener('change', () => {
      const value = menu.value;
      Object.assign(state, { [key]: typeof DEFAULTS[key] === 'number' ? Number(value) : value });
      commit(needsReset);
    });
  }
  ui.problem.addEventListener('change', () => {
    state.problem = ui.problem.value as State['problem'];
    custom = null;
    commit(true, true);
  });
  numberInput(ui.batchSize, 'batchSize', false);
  ui.leakySlope.addEventListener('change', () => {
    const v = Number(ui.leakySlope.value);
    state.leakySlope = Number.isFinite(v)
      ? Math.min(LIMITS.leakySlope[1], Math.max(LIMITS.leakySlope[0], v))
      : DEFAULTS.leakySlope;
    commit(true);
  });
  numberInput(ui.stepsPerSecond, 'stepsPerSecond', false);
  ui.dataset.addEventListener('change', () => {
    const v = ui.dataset.value;
    if (v === 'custom') return;
    custom = null;
    if (state.problem === 'classification') state.dataset = v as State['dataset'];
    else state.regDataset = v as State['regDataset'];
    commit(true, true);
  });
  ui.noise.addEventListener('input', () => {
    ui.noiseValue.textContent = ui.noise.value;
  });
  ui.noise.addEventListener('change', () => {
    state.noise = Number(ui.noise.value);
    commit(true, true);
  });
  ui.percTrainData.addEventListener('input', () => {
    ui.percValue.textContent = ui.percTrainData.value;
  });
  ui.percTrainData.addEventListener('change', () => {
    state.percTrainData = Number(ui.percTrainData.value);
    commit(true, true);
  });
  ui.seed.addEventListener('change', () => {
    const { state: parsed, warnings } = parseHash(`seed=${encodeURIComponent(ui.seed.value.trim())}`);
    showWarnings(warnings);
    state.seed = parsed.seed;
    commit(true, true);
  });
  ui.regenerate.addEventListener('click', () => {
    state.seed = Math.random().toFixed(5);
    custom = null;
    commit(true, true);
  });
  ui.showTestData.addEventListener('change', () => {
    state.showTestData = ui.showTestData.checked;
    writeHash();
    drawPlot();
  });
  ui.discretize.addEventListener('change', () => {
    state.discretize = ui.discretize.checked;
    writeHash();
    drawPlot();
    if (frame) view.update(frame, state.discretize);
  });
  ui.networkShape.addEventListener('change', () => {
    const { state: parsed, warnings } = parseHash(
      `networkShape=${encodeURIComponent(ui.networkShape.value.replace(/\s+/g, ''))}`,
    );
    showWarnings(warnings);
    state.networkShape = parsed.networkShape;
    commit(true);
  });
  ui.addLayer.addEventListener('click', () => {
    if (state.networkShape.length >= LIMITS.layers[1]) return;
    state.networkShape.push(2);
    commit(true);
  });
  ui.removeLayer.addEventListener('click', () => {
    state.networkShape.pop();
    commit(true);
  });
  ui.neuronBias.addEventListener('change', () => {
    const v = Number(ui.neuronBias.value);
    // A bias beyond float32 would become Infinity in the engine: refused like NaN.
    if (!selected || !Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) return;
    const gen = generation;
    bridge
      .request({ type: 'setBias', layer: selected.layer, unit: selected.unit, value: v })
      .then((r) => accept(r, gen), ignoreReset);
  });
  ui.boundary.addEventListener('click', (e) => {
    const [x1, x2] = fromClient(ui.boundary, e.clientX, e.clientY, DOMAIN);
    // The keyboard's crosshair continues from the clicked point.
    cursor.x1 = Math.round(x1 * 10) / 10;
    cursor.x2 = Math.round(x2 * 10) / 10;
    addPoint(x1, x2, Number(ui.clickLabel.value));
  });
  bindKeyboardPlot();
  bindData();
  bindTools();
  window.addEventListener('hashchange', () => {
    if (location.hash !== lastHash) loadFromHash();
  });
  window.addEventListener('resize', () => {
    drawPlot();
  });
}

// ---- the reader's data ------------------------------------------------------------------

function useLoaded(loaded: LoadedData, status: string): void {
  custom = loaded;
  state.problem = loaded.kind === 'regression' ? 'regression' : 'classification';
  ui.csvError.textContent = '';
  ui.csvStatus.textContent = status;
  commit(true, true);
}

function loadCsvText(text: string, source: string): void {
  const result = parseCsv(text);
  if (!result.ok) {
    ui.csvError.textContent = result.errors.join(' ');
    ui.csvStatus.textContent = '';
    return;
  }
  const d = result.data;
  const what = d.kind === 'regression' ? 'regression targets' : `${d.classes} classes`;
  useLoaded(d, `Loaded ${d.points.length} points (${what}) from ${source}. ${d.notes.join(' ')}`.trim());
}

/** Arrow keys move a crosshair over the plot (Shift: fine steps); Enter adds the menu's label, 0-9 that class. */
function bindKeyboardPlot(): void {
  const c = ui.boundary;
  const say = () => {
    const label = ui.clickLabel.selectedOptions[0]?.textContent ?? '';
    ui.crosshair.textContent = `Crosshair at (${cursor.x1.toFixed(1)}, ${cursor.x2.toFixed(1)}): Enter adds ${label}.`;
  };
  // Drawn when the plot has keyboard focus (not after a click), or once a key is pressed on it.
  c.addEventListener('focus', () => {
    crosshairOn = c.matches(':focus-visible');
    if (crosshairOn) say();
    drawPlot();
  });
  c.addEventListener('blur', () => {
    crosshairOn = false;
    ui.crosshair.textContent = '';
    drawPlot();
  });
  c.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = e.shiftKey ? 0.1 : 0.5;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const d = move[e.key];
    if (d) {
      cursor.x1 = Math.round(Math.max(-DOMAIN, Math.min(DOMAIN, cursor.x1 + d[0])) * 10) / 10;
      cursor.x2 = Math.round(Math.max(-DOMAIN, Math.min(DOMAIN, cursor.x2 + d[1])) * 10) / 10;
      say();
    } else if (e.key === 'Enter' || e.key === ' ') {
      addPoint(cursor.x1, cursor.x2, Number(ui.clickLabel.value));
    } else if (/^[0-9]$/.test(e.key) && data.kind !== 'regression' && Number(e.key) < data.classes) {
      addPoint(cursor.x1, cursor.x2, Number(e.key));
    } else return;
    e.preventDefault();
    crosshairOn = true;
    say();
    drawPlot();
  });
}

function addPoint(x1: number, x2: number, y: number): void {
  if (Math.abs(x1) > 6 || Math.abs(x2) > 6) return;
  if (!Number.isFinite(y)) return;
  // The clicked point joins the training set; the network keeps training on the new data.
  const train = [...data.train, { x1, x2, y }];
  custom = { points: [...train, ...data.test], kind: data.kind, classes: data.classes, notes: [] };
  data = { ...data, train, source: 'custom' };
  fillDatasetSelect();
  ui.csvStatus.textContent = `Added a point at (${x1.toFixed(2)}, ${x2.toFixed(2)}) with label ${y}; ${data.train.length} training points.`;
  const d = dataMessage();
  const gen = generation;
  drawPlot();
  bridge.request({ type: 'data', data: d }, transfers(d)).then((r) => accept(r, gen), ignoreReset);
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function bindData(): void {
  ui.csvFile.addEventListener('change', async () => {
    const file = ui.csvFile.files?.[0];
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) {
      ui.csvError.textContent = 'The file is larger than 5 MB; nothing was loaded.';
      ui.csvFile.value = '';
      return;
    }
    loadCsvText(await file.text(), file.name);
    ui.csvFile.value = '';
  });
  ui.csvLoad.addEventListener('click', () => loadCsvText(ui.csvText.value, 'the pasted text'));
  ui.exportCsv.addEventListener('click', () =>
    download('playground-data.csv', toCsv([...data.train, ...data.test]), 'text/csv'),
  );
}

// ---- presets, gradient check, network file ----------------------------------------------

// Relative error below which the gradient check passes (CS231n's usual bound for kinked losses).
const GRADCHECK_THRESHOLD = 1e-4;

function bindTools(): void {
  for (const p of PRESETS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = p.title;
    b.dataset.testid = `preset-${p.id}`;
    b.addEventListener('click', () => {
      state = { ...cloneState(DEFAULTS), ...p.state, seed: state.seed, stepsPerSecond: state.stepsPerSecond };
      if (p.state.networkShape) state.networkShape = [...p.state.networkShape];
      custom = null;
      ui.presetNote.textContent = p.note;
      commit(true, true);
    });
    ui.presets.append(b);
  }
  ui.gradcheck.addEventListener('click', async () => {
    ui.gradcheckMax.textContent = '…';
    const gen = generation;
    let r: Reply;
    try {
      r = await bridge.request({ type: 'gradcheck' });
    } catch (e) {
      ignoreReset(e);
      return;
    }
    if (gen !== generation || r.type !== 'gradcheck') return;
    const cells = (values: string[]) => {
      const tr = document.createElement('tr');
      for (const v of values) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      return tr;
    };
    const { maxRelativeError: max, checked, kinks, worst } = r.check;
    ui.gradcheckRows.replaceChildren(
      ...(worst === null
        ? []
        : [
            cells([
              String(worst.layer + 1),
              r.worstName,
              worst.analytic.toExponential(3),
              worst.numeric.toExponential(3),
              worst.relativeError.toExponential(1),
            ]),
          ]),
    );
    ui.gradcheckMax.textContent = max === null ? 'none: every check crossed a kink' : max.toExponential(2);
    ui.gradcheckKinks.textContent = `${kinks} of ${checked}`;
    const verdict =
      max === null
        ? 'Every check stepped across the kink, so there is no number to judge.'
        : max < GRADCHECK_THRESHOLD
          ? `Pass: the largest relative error is below the threshold of ${GRADCHECK_THRESHOLD}; backpropagation agrees.`
          : `Fail: the largest relative error is above the threshold of ${GRADCHECK_THRESHOLD}.`;
    ui.gradcheckVerdict.replaceChildren(verdict);
    if (kinks > 0) {
      const link = document.createElement('a');
      link.href = '../#zero';
      link.textContent = 'Not differentiable at 0';
      ui.gradcheckVerdict.append(
        ` ${kinks} of ${checked} checks moved a ReLU input across 0, where the slope jumps from 0 to 1: a centred difference there measures neither slope, so they are left out of the maximum (see `,
        link,
        ').',
      );
    }
  });
  ui.exportJson.addEventListener('click', async () => {
    const r = await bridge.request({ type: 'params' }).catch(() => null);
    if (!r || r.type !== 'params') return;
    download(
      'playground-network.json',
      toJSON(r.layers, networkSizes(state, data), state.activation, activeFeatures(state)),
      'application/json',
    );
  });
  ui.importJson.addEventListener('change', async () => {
    const file = ui.importJson.files?.[0];
    ui.importJson.value = '';
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) {
      ui.jsonError.textContent = 'The file is larger than 5 MB; nothing was imported.';
      return;
    }
    const result = parseNetwork(await file.text());
    if (!result.ok) {
      ui.jsonError.textContent = `${result.error} Nothing was imported.`;
      return;
    }
    const features: Feature[] = result.features ?? activeFeatures(state);
    const outputs = networkSizes(state, data).at(-1)!;
    if (features.length !== result.sizes[0]) {
      ui.jsonError.textContent = `The network takes ${result.sizes[0]} inputs but ${features.length} features are selected. Nothing was imported.`;
      return;
    }
    if (result.sizes.at(-1) !== outputs) {
      ui.jsonError.textContent = `The network has ${result.sizes.at(-1)} outputs; this data needs ${outputs}. Nothing was imported.`;
      return;
    }
    ui.jsonError.textContent = '';
    state.networkShape = result.sizes.slice(1, -1);
    for (const f of FEATURES) state[f] = features.includes(f);
    if (result.activation) state.activation = result.activation;
    writeHash();
    controlsFromState();
    reset(result.layers);
  });
}

bindControls();
loadFromHash();
requestAnimationFrame(tick);
