// <relu-playground dataset activation network-shape learning-rate autoplay>: a compact trainer
// for embedding. A seeded 2-D dataset, a network from createMLP, and training in frame-sized
// slices on the main thread (a network this small trains thousands of minibatches in a few
// milliseconds); the loop runs only while playing and on screen. Any attribute change rebuilds.
//
// Training stops by itself when it diverges, by the package's one rule (hasDiverged: a loss
// that is not finite or more than DIVERGENCE_FACTOR times the run's first loss): the element
// pauses, explains (learning rate too high; Reset), and fires `relu-diverged`.
//
// Shadow parts: heatmap, controls, stats, note, diverged. data-testids: heatmap, play, reset,
// epoch, loss, dead, config, note, diverged, error. Events: `relu-reset` (after a (re)build,
// detail: the settings used, any notes and the initial loss), `relu-train` (each trained frame:
// { epoch, loss, deadUnits, hiddenUnits }), `relu-diverged` ({ loss, epoch }), `relu-error` ({ error }).
import { DIVERGENCE_FACTOR, hasDiverged } from '../divergence.js';
import { ACTIVATIONS, TRAIN_OPTION_SPECS, type Activation } from '../option-specs.js';
import type { MLP } from '../mlp.js';
import { el } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';
import { frameLoop, type FrameLoop } from '../ui/frame-loop.js';
import { boundaryGrid, paintBoundary, paintPoints, type PlotPoint } from '../ui/heatmap.js';
import { CLASS_0, CLASS_1, cssColor } from '../ui/palette.js';
import { AttributeReader } from './attributes.js';
import { BINARY_DATASETS, generate, type BinaryDatasetName, type Dataset } from '../datasets/index.js';
import { ElementBase, emit } from './dom.js';
import { sharedRelu } from './shared-relu.js';
import { BASE_CSS, adoptStyles } from './styles.js';

// Where this element deliberately differs from the package's option table, in one place:
// TF Playground's default learning rate (0.03) and the range of its menu (0.00001 to 10), kept
// inside the table's own range.
const LEARNING_RATE = {
  default: 0.03,
  min: Math.max(0.00001, TRAIN_OPTION_SPECS.lr.min),
  max: Math.min(10, TRAIN_OPTION_SPECS.lr.max),
};
const DEFAULTS = { dataset: 'circle' as BinaryDatasetName, activation: ACTIVATIONS[0] as Activation, shape: [8, 8] };
const POINTS = 200;
const DATA_SEED = 1;
const INIT_SEED = 1;
const BATCH = 10;
/** Milliseconds of training per animation frame: leaves the frame to the page. */
const FRAME_BUDGET_MS = 4;
const GRID = 50;
const SIZE = 300;
const GRID_X = boundaryGrid(GRID);

const CSS = `${BASE_CSS}
.wrap { display: grid; gap: 0.75rem; grid-template-columns: minmax(0, 1fr); }
@container (min-width: 480px) { .wrap { grid-template-columns: minmax(0, 300px) minmax(0, 1fr); } }
:host { container-type: inline-size; }
canvas { display: block; width: 100%; max-width: 300px; aspect-ratio: 1; border: 1px solid var(--relu-rule); border-radius: 4px; background: var(--relu-panel); }
.controls { display: flex; gap: 0.5rem; flex-wrap: wrap; }
button { font: inherit; min-width: 5.5rem; min-height: 2.25rem; padding: 0.3rem 0.9rem; border-radius: 4px;
  border: 1px solid var(--relu-accent); background: #fff; color: var(--relu-accent); cursor: pointer; }
button.primary { background: var(--relu-accent); color: #fff; }
button:focus-visible { outline: 3px solid var(--relu-df); outline-offset: 2px; }
button:disabled { opacity: 0.55; cursor: default; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0.75rem 0 0; font-variant-numeric: tabular-nums; }
dt { color: var(--relu-muted); }
dd { margin: 0; }
.config, .legend { margin: 0.5rem 0 0; color: var(--relu-muted); font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin: 0 0.25rem 0 0.5rem; vertical-align: -0.05rem; }
.swatch.one { background: ${cssColor(CLASS_1)}; }
.swatch.zero { background: ${cssColor(CLASS_0)}; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

interface Settings {
  dataset: BinaryDatasetName;
  activation: Activation;
  networkShape: number[];
  learningRate: number;
}

export class ReluPlaygroundElement extends ElementBase {
  static readonly observedAttributes = ['dataset', 'activation', 'network-shape', 'learning-rate'];

  readonly #root: ShadowRoot;
  readonly #canvas: HTMLCanvasElement;
  readonly #play: HTMLButtonElement;
  readonly #reset: HTMLButtonElement;
  readonly #stat: { epoch: HTMLElement; loss: HTMLElement; dead: HTMLElement };
  readonly #config: HTMLParagraphElement;
  readonly #note: HTMLParagraphElement;
  readonly #diverged: HTMLParagraphElement;
  readonly #error: HTMLParagraphElement;
  readonly #status: HTMLParagraphElement;
  #settings: Settings = {
    dataset: DEFAULTS.dataset,
    activation: DEFAULTS.activation,
    networkShape: DEFAULTS.shape,
    learningRate: LEARNING_RATE.default,
  };
  #points: Dataset | undefined;
  #dots: PlotPoint[] = [];
  #net: MLP | undefined;
  #epoch = 0;
  #loss = NaN;
  /** The run's loss before any training: hasDiverged() compares against it. */
  #firstLoss = NaN;
  /** Whether training should run: the frame loop runs it while this is true and on screen. */
  #playing = false;
  #loop: FrameLoop | undefined;
  #generation = 0;
  #rebuildQueued = false;
  #startedOnce = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, CSS);
    this.#canvas = el('canvas', { width: SIZE, height: SIZE, role: 'img', part: 'heatmap', 'data-testid': 'heatmap' });
    this.#play = el('button', { type: 'button', class: 'primary', 'data-testid': 'play', disabled: true }, 'Play');
    this.#reset = el('button', { type: 'button', 'data-testid': 'reset', disabled: true }, 'Reset');
    const dd = (id: string) => el('dd', { 'data-testid': id }, '…');
    this.#stat = { epoch: dd('epoch'), loss: dd('loss'), dead: dd('dead') };
    this.#config = el('p', { class: 'config', 'data-testid': 'config' });
    this.#note = el('p', { class: 'note', role: 'note', 'data-testid': 'note', part: 'note', hidden: true });
    this.#diverged = el('p', {
      class: 'note',
      role: 'alert',
      'data-testid': 'diverged',
      part: 'diverged',
      hidden: true,
    });
    this.#error = el('p', { class: 'error', role: 'alert', 'data-testid': 'error' });
    this.#status = el('p', { class: 'sr-only', 'aria-live': 'polite' });
    const legend = el(
      'p',
      { class: 'legend' },
      'Points and background:',
      el('span', { class: 'swatch one' }),
      'label 1',
      el('span', { class: 'swatch zero' }),
      'label 0',
    );
    const side = el(
      'div',
      {},
      el(
        'div',
        { class: 'controls', part: 'controls', role: 'group', 'aria-label': 'Training' },
        this.#play,
        this.#reset,
      ),
      el(
        'dl',
        { part: 'stats' },
        el('dt', {}, 'Epoch'),
        this.#stat.epoch,
        el('dt', {}, 'Loss'),
        this.#stat.loss,
        el('dt', {}, 'Dead units'),
        this.#stat.dead,
      ),
      this.#config,
      legend,
    );
    this.#root.append(
      el('div', { class: 'wrap' }, this.#canvas, side),
      this.#note,
      this.#diverged,
      this.#error,
      this.#status,
    );
    this.#play.addEventListener('click', () => (this.#playing ? this.pause() : this.play()));
    this.#reset.addEventListener('click', () => this.reset());
  }

  /** True while training runs (it also pauses by itself while the element is off screen). */
  get playing(): boolean {
    return this.#playing;
  }

  /** Starts training; after a divergence, first rebuilds (new weights, epoch 0). */
  play(): void {
    if (!this.#diverged.hidden) {
      this.#setPlaying(true);
      this.#scheduleRebuild();
      return;
    }
    this.#setPlaying(true);
  }

  pause(): void {
    this.#setPlaying(false);
  }

  /** New weights from the same seed, epoch 0, paused. */
  reset(): void {
    this.#setPlaying(false);
    this.#scheduleRebuild();
  }

  connectedCallback(): void {
    if (!this.#startedOnce && this.hasAttribute('autoplay')) this.#playing = true;
    this.#startedOnce = true;
    // Trains in frame-sized slices while playing and on screen (paused off screen).
    this.#loop = frameLoop(this, (deadline) => this.#frame(deadline), { budgetMs: FRAME_BUDGET_MS });
    this.#scheduleRebuild();
  }

  disconnectedCallback(): void {
    this.#loop?.dispose();
    this.#loop = undefined;
    this.#generation++;
    this.#net?.dispose();
    this.#net = undefined;
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#scheduleRebuild();
  }

  // Several attributes set in one task rebuild once.
  #scheduleRebuild(): void {
    if (this.#rebuildQueued) return;
    this.#rebuildQueued = true;
    queueMicrotask(() => {
      this.#rebuildQueued = false;
      if (this.isConnected) void this.#rebuild();
    });
  }

  #readSettings(): string[] {
    const read = new AttributeReader(this);
    this.#settings = {
      dataset: read.oneOf('dataset', BINARY_DATASETS, DEFAULTS.dataset),
      activation: read.oneOf('activation', ACTIVATIONS, DEFAULTS.activation),
      networkShape: read.integerList('network-shape', 1, 32, 6, DEFAULTS.shape),
      learningRate: read.number('learning-rate', LEARNING_RATE.min, LEARNING_RATE.max, LEARNING_RATE.default),
    };
    this.#note.textContent = read.notes.join(' ');
    this.#note.hidden = read.notes.length === 0;
    const s = this.#settings;
    this.#config.textContent = `${s.dataset} · ${s.activation} · layers ${[2, ...s.networkShape, 1].join('-')} · learning rate ${s.learningRate}`;
    this.#canvas.setAttribute(
      'aria-label',
      `Decision boundary of the network on the ${s.dataset} dataset: blue where it predicts label 1, orange where it predicts label 0, with the data points.`,
    );
    return read.notes;
  }

  async #rebuild(): Promise<void> {
    const generation = ++this.#generation;
    const notes = this.#readSettings();
    this.#loop?.pause();
    try {
      const rw = await sharedRelu(this.getAttribute('wasm-paths'));
      if (generation !== this.#generation || !this.isConnected) return;
      const s = this.#settings;
      this.#net?.dispose();
      this.#net = undefined;
      this.#points = generate(s.dataset, { n: POINTS, seed: DATA_SEED });
      this.#net = rw.createMLP({ sizes: [2, ...s.networkShape, 1], activation: s.activation, seed: INIT_SEED });
      this.#dots = Array.from(this.#points.Y, (y, i) => ({
        x1: this.#points!.X[2 * i]!,
        x2: this.#points!.X[2 * i + 1]!,
        y,
      }));
      this.#epoch = 0;
      this.#error.textContent = '';
      this.#diverged.hidden = true;
      this.#play.disabled = false;
      this.#reset.disabled = false;
      this.#firstLoss = this.#measure().loss;
      this.#draw();
      emit(this, 'relu-reset', { ...s, networkShape: [...s.networkShape], notes, loss: this.#loss });
      this.#schedule();
    } catch (error) {
      this.#fail(`relu-wasm did not load: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  #fail(message: string, error: unknown): void {
    this.#setPlaying(false);
    this.#error.textContent = message;
    emit(this, 'relu-error', { error });
  }

  #setPlaying(playing: boolean): void {
    if (this.#playing !== playing) this.#status.textContent = playing ? 'Training' : 'Paused';
    this.#playing = playing;
    this.#play.textContent = playing ? 'Pause' : 'Play';
    this.#play.setAttribute('aria-label', playing ? 'Pause training' : 'Play: train the network');
    if (!playing) this.#loop?.pause();
    this.#schedule();
  }

  // The loop runs only with a network to train (not while one is being built).
  #schedule(): void {
    if (this.#playing && this.#net) this.#loop?.start();
  }

  /** One frame of training; false stops the loop. */
  #frame(deadline: number): boolean {
    const net = this.#net;
    const points = this.#points;
    if (!this.#playing || !net || !points) return false;
    const steps = Math.ceil(POINTS / BATCH); // one epoch per call
    let loss: number;
    try {
      do {
        loss = net.train(points.X, points.Y, {
          batchSize: BATCH,
          steps,
          seed: this.#epoch,
          lr: this.#settings.learningRate,
        });
        this.#epoch++;
      } while (!hasDiverged(loss, this.#firstLoss) && performance.now() < deadline);
    } catch (error) {
      // The engine refuses to go on (e.g. weights that overflowed).
      this.#fail(
        `Training stopped: ${error instanceof Error ? error.message : String(error)}. Try a lower learning-rate, then Reset.`,
        error,
      );
      return false;
    }
    const stats = this.#measure();
    this.#draw();
    const worst = hasDiverged(loss, this.#firstLoss) ? loss : stats.loss;
    if (hasDiverged(worst, this.#firstLoss)) {
      this.#divergedAt(worst);
      return false;
    }
    emit(this, 'relu-train', stats);
    return true;
  }

  // Training blew up: stop, say why and what to do, and tell the page.
  #divergedAt(loss: number): void {
    this.#setPlaying(false);
    const shown = Number.isFinite(loss)
      ? `grew to ${formatNumber(loss)}, over ${DIVERGENCE_FACTOR} × its first loss ${formatNumber(this.#firstLoss)}`
      : `became ${formatNumber(loss)}`;
    this.#diverged.textContent =
      `Training diverged at epoch ${this.#epoch}: the loss ${shown}. The learning rate (${this.#settings.learningRate}) is too high ` +
      'for this network; lower the learning-rate attribute, then press Reset (Play also starts over).';
    this.#diverged.hidden = false;
    emit(this, 'relu-diverged', { loss, epoch: this.#epoch });
  }

  #measure(): { epoch: number; loss: number; deadUnits: number; hiddenUnits: number } {
    const net = this.#net!;
    const points = this.#points!;
    this.#loss = net.lossAndGradients(points.X, points.Y).loss;
    const hiddenUnits = this.#settings.networkShape.reduce((a, b) => a + b, 0);
    const deadUnits = net.deadUnits(points.X).reduce((a, layer) => a + layer.length, 0);
    this.#stat.epoch.textContent = String(this.#epoch);
    this.#stat.loss.textContent = formatNumber(this.#loss);
    this.#stat.dead.textContent = hiddenUnits === 0 ? 'no hidden layer' : `${deadUnits} of ${hiddenUnits}`;
    return { epoch: this.#epoch, loss: this.#loss, deadUnits, hiddenUnits };
  }

  #draw(): void {
    const ctx = this.#canvas.getContext('2d');
    if (!ctx || !this.#net) return;
    paintBoundary(ctx, this.#net.predict(GRID_X), GRID);
    paintPoints(ctx, this.#dots);
  }
}
