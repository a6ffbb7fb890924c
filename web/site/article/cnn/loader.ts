// Fetching Fashion-MNIST for the CNN figure only when the reader gets near it (within
// MARGIN of the viewport) or presses Train, from the same files as the images section
// (data/fashion-mnist/, web/scripts/site-data.mjs). The worker fetches and decodes; this shows
// the size from the manifest, a progress bar, and, when the files are not on the server (the
// site was built without the Debian package), how to get them.
//
// data-testids: cnn-progress (<progress>), cnn-load-status, cnn-data-error.
import { FASHION_MNIST_CNN_RECIPE as C, type ImageSetPart } from 'relu-wasm/datasets';
import { el } from 'relu-wasm/ui';

import {
  DATA_DIR,
  fetchManifest,
  missingDataMessage,
  sumBytes as sum,
  thousands,
  whenNear,
} from '../fashion-mnist/data.js';
import { loadIndicators } from '../fashion-mnist/load-indicators.js';
import type { CnnWorker } from './bridge.js';
import type { Result } from './protocol.js';

export type Loaded = Extract<Result, { kind: 'loaded' }>;

export { thousands };

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export class DataLoader {
  readonly element: HTMLElement;
  readonly #worker: CnnWorker;
  readonly #progress: HTMLProgressElement;
  readonly #status: HTMLOutputElement;
  readonly #error: HTMLParagraphElement;
  readonly #base = new URL(DATA_DIR, document.baseURI);
  #job: Promise<Loaded> | null = null;

  /** `onNear`: the figure came near the viewport (called once). */
  constructor(observed: Element, worker: CnnWorker, onNear: () => void) {
    this.#worker = worker;
    const indicators = loadIndicators('cnn', 'The images load when you scroll here or press Train.');
    this.#progress = indicators.progress;
    this.#status = indicators.status;
    this.#error = indicators.error;
    this.element = el('div', { class: 'cnn-loader' }, el('div', { class: 'cnn-row' }, this.#progress, this.#status));
    this.element.append(this.#error);
    whenNear(observed, onNear);
  }

  /** Fetches the manifest, the test set and the training parts the recipe uses (once; again after a failure). */
  load(): Promise<Loaded> {
    this.#job ??= this.#load().catch((error: unknown) => {
      this.#job = null;
      this.#fail(error);
      throw error;
    });
    return this.#job;
  }

  async #load(): Promise<Loaded> {
    this.#error.hidden = true;
    const manifest = await fetchManifest(this.#base);
    const train: ImageSetPart[] = [];
    for (let n = 0; n < C.trainImages && train.length < manifest.train.length; n += train.at(-1)!.count)
      train.push(manifest.train[train.length]!);
    const total = sum(manifest.test) + sum(train);
    this.#progress.max = total;
    this.#status.textContent = `Fetching ${mb(total)}…`;
    const url = (part: ImageSetPart): string => new URL(part.file, this.#base).href;
    const result = await this.#worker.request(
      { type: 'load', test: url(manifest.test[0]!), train: train.map(url) },
      (note) => {
        if (note.kind !== 'bytes') return;
        // A server that gzips on the fly makes the count the decompressed bytes: keep it in range.
        const loaded = Math.min(total, note.loaded);
        this.#progress.value = loaded;
        this.#status.textContent = `${mb(loaded)} of ${mb(total)}`;
      },
    );
    if (result.kind !== 'loaded') throw new Error(`unexpected reply ${result.kind}`);
    this.#progress.value = total;
    this.#status.textContent = `Loaded ${mb(total)}: ${thousands(result.testCount)} test and ${thousands(result.trainCount)} training images.`;
    return result;
  }

  #fail(error: unknown): void {
    this.#status.textContent = 'Not loaded.';
    this.#error.textContent = missingDataMessage(
      error,
      'Press Train to try again; the rest of the article works without them.',
    );
    this.#error.hidden = false;
  }
}
