// Fetching Fashion-MNIST only when the reader gets there: when the section's first figure
// comes within a screen of the viewport, or when they press Load. The worker fetches and
// decodes; this shows the size (from the manifest), a progress bar, and, when the files are
// not on the server (the site was built without the Debian package), how to get them.
//
// data-testids: fmnist-load (button), fmnist-progress (<progress>), fmnist-load-status,
// fmnist-load-full (button: the other training images), fmnist-data-error (the message when
// the data cannot be fetched).
import type { ImageSetManifest, ImageSetPart } from 'relu-wasm/datasets';
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
import type { ImagesWorker } from './bridge.js';
import type { Result } from './protocol.js';

type Loaded = Extract<Result, { kind: 'loaded' }>;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const count = (parts: readonly ImageSetPart[]): number => parts.reduce((n, p) => n + p.count, 0);

export class DataLoader {
  readonly element: HTMLElement;
  readonly #worker: ImagesWorker;
  readonly #onLoaded: (loaded: Loaded) => void;
  readonly #button: HTMLButtonElement;
  readonly #more: HTMLButtonElement;
  readonly #progress: HTMLProgressElement;
  readonly #status: HTMLOutputElement;
  readonly #error: HTMLParagraphElement;
  readonly #base = new URL(DATA_DIR, document.baseURI);
  #started = false;
  #manifest: ImageSetManifest | null = null;

  constructor(observed: Element, worker: ImagesWorker, onLoaded: (loaded: Loaded) => void) {
    this.#worker = worker;
    this.#onLoaded = onLoaded;
    this.#button = el(
      'button',
      { type: 'button', class: 'primary', 'data-testid': 'fmnist-load' },
      'Load Fashion-MNIST (at most 8 MB)',
    );
    this.#more = el('button', { type: 'button', 'data-testid': 'fmnist-load-full', hidden: true }, '');
    const indicators = loadIndicators('fmnist', 'The images load when you scroll here, or now with this button.');
    this.#progress = indicators.progress;
    this.#status = indicators.status;
    this.#error = indicators.error;
    this.element = el(
      'div',
      { class: 'fmnist-loader' },
      el('div', { class: 'controls' }, this.#button, this.#progress, this.#status, this.#more),
      this.#error,
    );
    this.#button.addEventListener('click', () => void this.load());
    this.#more.addEventListener('click', () => void this.#loadRest());
    whenNear(observed, () => void this.load());
  }

  /** Fetches the manifest, then the test set and the first training part (once). */
  async load(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#button.disabled = true;
    try {
      const manifest = await fetchManifest(this.#base);
      this.#manifest = manifest;
      const first = manifest.train.slice(0, 1);
      const parts = [...manifest.test, ...first];
      this.#status.textContent = `Fetching ${mb(sum(parts))}: ${thousands(count(manifest.test))} test and ${thousands(count(first))} training images…`;
      const loaded = await this.#fetch(manifest.test[0]!.file, first, sum(parts));
      this.#status.textContent = `Loaded ${mb(sum(parts))}: ${thousands(loaded.testCount)} test and ${thousands(loaded.trainCount)} training images (${manifest.bitsPerPixel} bits per pixel).`;
      const rest = manifest.train.slice(1);
      if (rest.length > 0) {
        this.#more.textContent = `Use all ${thousands(count(manifest.train))} training images (${mb(sum(rest))} more)`;
        this.#more.hidden = false;
      }
      this.#button.textContent = 'Loaded';
      this.#onLoaded(loaded);
    } catch (error) {
      this.#fail(error, true);
    }
  }

  async #loadRest(): Promise<void> {
    const manifest = this.#manifest;
    if (!manifest) return;
    this.#more.disabled = true;
    const rest = manifest.train.slice(1);
    try {
      this.#status.textContent = `Fetching ${mb(sum(rest))} more: ${thousands(count(rest))} training images…`;
      const loaded = await this.#fetch(null, rest, sum(rest));
      this.#status.textContent = `Loaded ${mb(sum(manifest.test) + sum(manifest.train))}: ${thousands(loaded.testCount)} test and ${thousands(loaded.trainCount)} training images.`;
      this.#more.hidden = true;
      this.#onLoaded(loaded);
    } catch (error) {
      this.#fail(error, false);
    }
  }

  async #fetch(test: string | null, train: readonly ImageSetPart[], total: number): Promise<Loaded> {
    this.#progress.max = total;
    this.#progress.value = 0;
    const url = (file: string): string => new URL(file, this.#base).href;
    const result = await this.#worker.request(
      { type: 'load', test: test === null ? null : url(test), train: train.map((p) => url(p.file)) },
      (note) => {
        if (note.kind !== 'bytes') return;
        this.#progress.value = Math.min(total, note.loaded);
        this.#status.textContent = `${mb(note.loaded)} of ${mb(total)}`;
      },
    );
    this.#progress.value = total;
    if (result.kind !== 'loaded') throw new Error(`unexpected reply ${result.kind}`);
    return result;
  }

  /** Says why and how to get the files; `first`: the first load failed (Load tries again). */
  #fail(error: unknown, first: boolean): void {
    this.#status.textContent = first ? 'Not loaded.' : 'The other training images did not load.';
    this.#error.textContent = missingDataMessage(error, 'The rest of the article works without them.');
    this.#error.hidden = false;
    if (first) {
      this.#button.textContent = 'Try again';
      this.#button.disabled = false;
      this.#started = false;
    }
    this.#more.disabled = false;
  }
}
