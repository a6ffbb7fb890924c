// Draw or upload your own image: a 28x28 canvas for mouse, pen and touch (pointer events),
// white strokes on black like Fashion-MNIST, plus test images the keyboard can pick, an upload
// and Clear. What the network gets is prepared as the dataset's images were: the drawing's
// bounding box scaled so its longer side fills the 28 pixels, centred. `onInput` receives
// those 784 pixels (0-255), or null for an empty pad.
//
// data-testids: fmnist-draw (the canvas), fmnist-clear, fmnist-brush, fmnist-upload,
// fmnist-sample-<i> (sample buttons), fmnist-seen (what the network sees).
import { FASHION_MNIST } from 'relu-wasm/datasets';
import { el } from 'relu-wasm/ui';

import { paintImage, pixelCanvas, PIXELS, SIDE } from './pixels.js';

/** Below this grey level a pixel counts as background when finding the drawing's box. */
const INK = 24;

export class DrawPad {
  readonly element: HTMLElement;
  readonly #pad: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #seen: HTMLCanvasElement;
  readonly #samples: HTMLElement;
  readonly #brush: HTMLSelectElement;
  readonly #onInput: (pixels: Uint8Array | null) => void;
  /** The picked sample's exact pixels, until the reader draws over it. */
  #sample: Uint8Array | null = null;
  #last: [number, number] | null = null;
  #pending = false;

  constructor(onInput: (pixels: Uint8Array | null) => void) {
    this.#onInput = onInput;
    this.#pad = pixelCanvas(SIDE, SIDE, {
      'data-testid': 'fmnist-draw',
      class: 'fmnist-pad',
      role: 'img',
      'aria-label': 'Drawing pad, 28 by 28 pixels: draw with a mouse, pen or finger, or pick a sample below',
    });
    this.#ctx = this.#pad.getContext('2d', { willReadFrequently: true })!;
    this.#seen = pixelCanvas(SIDE, SIDE, {
      'data-testid': 'fmnist-seen',
      class: 'fmnist-seen',
      role: 'img',
      'aria-label': 'What the network sees: the drawing scaled and centred',
    });
    this.#brush = el('select', { id: 'fmnist-brush', 'data-testid': 'fmnist-brush' });
    for (const [v, name] of [
      ['1.5', 'Thin'],
      ['3', 'Medium'],
      ['5', 'Thick'],
    ] as const) {
      this.#brush.append(el('option', { value: v, selected: v === '3' || undefined }, name));
    }
    const clear = el('button', { type: 'button', 'data-testid': 'fmnist-clear' }, 'Clear');
    const upload = el('input', {
      type: 'file',
      accept: 'image/*',
      id: 'fmnist-upload',
      'data-testid': 'fmnist-upload',
      class: 'fmnist-upload',
    });
    this.#samples = el('div', { class: 'fmnist-samples', role: 'group', 'aria-label': 'Sample test images' });
    this.element = el(
      'div',
      { class: 'fmnist-drawpad' },
      el(
        'div',
        { class: 'fmnist-pads' },
        el('div', { class: 'fmnist-pad-wrap' }, this.#pad, el('span', { class: 'fmnist-pad-label' }, 'Your drawing')),
        el(
          'div',
          { class: 'fmnist-pad-wrap' },
          this.#seen,
          el('span', { class: 'fmnist-pad-label' }, 'What the network sees'),
        ),
      ),
      el(
        'div',
        { class: 'controls' },
        el('label', { for: 'fmnist-brush' }, 'Brush'),
        this.#brush,
        clear,
        el('label', { for: 'fmnist-upload', class: 'fmnist-upload-label' }, 'Upload an image'),
        upload,
      ),
      this.#samples,
    );
    this.#clear();
    clear.addEventListener('click', () => {
      this.#clear();
      this.#changed();
    });
    upload.addEventListener('change', () => {
      const file = upload.files?.[0];
      if (file) void this.#upload(file);
    });
    this.#pad.addEventListener('pointerdown', (e) => {
      this.#pad.setPointerCapture(e.pointerId);
      this.#sample = null;
      this.#last = this.#at(e);
      this.#stroke(this.#last, this.#last);
      e.preventDefault();
    });
    this.#pad.addEventListener('pointermove', (e) => {
      if (!this.#last) return;
      const p = this.#at(e);
      this.#stroke(this.#last, p);
      this.#last = p;
    });
    const end = (): void => {
      this.#last = null;
    };
    this.#pad.addEventListener('pointerup', end);
    this.#pad.addEventListener('pointercancel', end);
  }

  /** Offers test images as samples (pixels 784 each, labels). */
  setSamples(pixels: Uint8Array, labels: Uint8Array): void {
    this.#samples.replaceChildren(
      el('span', { class: 'fmnist-pad-label' }, 'Or pick a test image:'),
      ...Array.from(labels, (label, i) => {
        const name = FASHION_MNIST.classes[label]!;
        const thumb = pixelCanvas(SIDE, SIDE, { 'aria-hidden': 'true' });
        paintImage(thumb.getContext('2d')!, pixels, i);
        const button = el(
          'button',
          {
            type: 'button',
            class: 'fmnist-sample',
            'data-testid': `fmnist-sample-${i}`,
            'aria-label': `Sample: ${name}`,
          },
          thumb,
        );
        button.addEventListener('click', () => {
          const own = pixels.slice(i * PIXELS, (i + 1) * PIXELS);
          paintImage(this.#ctx, own);
          this.#sample = own;
          this.#changed();
        });
        return button;
      }),
    );
  }

  /** The pointer's position in pad pixels. */
  #at(e: PointerEvent): [number, number] {
    const r = this.#pad.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIDE, ((e.clientY - r.top) / r.height) * SIDE];
  }

  #stroke(a: [number, number], b: [number, number]): void {
    const ctx = this.#ctx;
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Number(this.#brush.value);
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0] + 0.01, b[1]);
    ctx.stroke();
    // One prediction per frame, however many pointer events arrive.
    if (this.#pending) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.#changed();
    });
  }

  #clear(): void {
    this.#sample = null;
    this.#ctx.fillStyle = '#000';
    this.#ctx.fillRect(0, 0, SIDE, SIDE);
  }

  /** An uploaded picture, fitted into the pad in grey; inverted when its border is light (a photo on white). */
  async #upload(file: File): Promise<void> {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(SIDE / bitmap.width, SIDE / bitmap.height);
    const w = bitmap.width * scale;
    const h = bitmap.height * scale;
    const tmp = document.createElement('canvas');
    tmp.width = tmp.height = SIDE;
    const t = tmp.getContext('2d', { willReadFrequently: true })!;
    t.drawImage(bitmap, (SIDE - w) / 2, (SIDE - h) / 2, w, h);
    bitmap.close();
    const rgba = t.getImageData(0, 0, SIDE, SIDE).data;
    const grey = new Uint8Array(PIXELS);
    let border = 0;
    let borderCount = 0;
    for (let i = 0; i < PIXELS; i++) {
      const a = rgba[4 * i + 3]! / 255;
      // Transparent areas count as white paper, like a photo's background.
      const v = (0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!) * a + 255 * (1 - a);
      grey[i] = v;
      const x = i % SIDE;
      const y = Math.floor(i / SIDE);
      if (x === 0 || y === 0 || x === SIDE - 1 || y === SIDE - 1) {
        border += v;
        borderCount++;
      }
    }
    if (border / borderCount > 127) for (let i = 0; i < PIXELS; i++) grey[i] = 255 - grey[i]!;
    paintImage(this.#ctx, grey);
    this.#sample = null;
    this.#changed();
  }

  /** The pad's pixels prepared like the dataset's, shown in the "sees" canvas and sent on. */
  #changed(): void {
    const input = this.#sample ?? this.#centred();
    const ctx = this.#seen.getContext('2d')!;
    if (input) paintImage(ctx, input);
    else {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, SIDE, SIDE);
    }
    this.#onInput(input);
  }

  /** The drawing's bounding box, scaled so its longer side is 28 pixels, centred; null when empty. */
  #centred(): Uint8Array | null {
    const data = this.#ctx.getImageData(0, 0, SIDE, SIDE).data;
    let x0 = SIDE;
    let y0 = SIDE;
    let x1 = -1;
    let y1 = -1;
    for (let i = 0; i < PIXELS; i++) {
      if (data[4 * i]! < INK) continue;
      const x = i % SIDE;
      const y = Math.floor(i / SIDE);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (x1 < 0) return null;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const scale = SIDE / Math.max(w, h);
    const tmp = document.createElement('canvas');
    tmp.width = tmp.height = SIDE;
    const t = tmp.getContext('2d', { willReadFrequently: true })!;
    t.fillStyle = '#000';
    t.fillRect(0, 0, SIDE, SIDE);
    t.imageSmoothingQuality = 'high';
    t.drawImage(this.#pad, x0, y0, w, h, (SIDE - w * scale) / 2, (SIDE - h * scale) / 2, w * scale, h * scale);
    const rgba = t.getImageData(0, 0, SIDE, SIDE).data;
    return Uint8Array.from({ length: PIXELS }, (_, i) => rgba[4 * i]!);
  }
}
