// Section 5: a procedurally drawn scene, one 3x3 convolution filter (plain TypeScript, as a
// convolution layer computes it) and ReLU on the feature map (rw.relu, the WASM kernel).
//
// data-testids:
//   conv-filter   <select> of filters (vertical, horizontal, diagonal edges, spot)
//   conv-image    canvas: the input scene
//   conv-before   canvas: the feature map, positive blue, negative red
//   conv-after    canvas: the feature map after ReLU
//   conv-zeroed   text: how many feature-map values ReLU set to 0, e.g. "4,210 of 8,836 (48%)"
import type { ReluWasm } from 'relu-wasm';
import { el, integer } from 'relu-wasm/ui';

const N = 96; // image side
const M = N - 2; // feature map side (valid convolution)

const FILTERS = {
  vertical: { label: 'Vertical edges (Sobel x)', k: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  horizontal: { label: 'Horizontal edges (Sobel y)', k: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  diagonal: { label: 'Diagonal edges', k: [0, 1, 2, -1, 0, 1, -2, -1, 0] },
  spot: { label: 'Bright spots (centre minus surround)', k: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
} as const;
type FilterName = keyof typeof FILTERS;

/** A grey-level scene in [0, 1]: a gradient sky, a sun, a house with a roof and a window. */
function scene(): Float32Array {
  const img = new Float32Array(N * N);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let v = 0.25 + 0.25 * (y / N); // sky gradient
      if (Math.hypot(x - 72, y - 22) < 11) v = 0.95; // sun
      if (y > 74) v = 0.45 + 0.05 * Math.sin(x * 0.9); // textured ground
      const inHouse = x >= 18 && x < 58 && y >= 46 && y <= 74;
      const inRoof = y >= 24 && y < 46 && Math.abs(x - 38) < (y - 24) * 1.0;
      if (inHouse) v = 0.7;
      if (inRoof) v = 0.15;
      if (x >= 26 && x < 36 && y >= 52 && y < 62) v = 0.05; // window
      if (x >= 42 && x < 50 && y >= 58 && y <= 74) v = 0.35; // door
      img[y * N + x] = v;
    }
  }
  return img;
}

function convolve(img: Float32Array, k: readonly number[]): Float32Array {
  const out = new Float32Array(M * M);
  for (let y = 0; y < M; y++) {
    for (let x = 0; x < M; x++) {
      let s = 0;
      for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) s += k[dy * 3 + dx]! * img[(y + dy) * N + x + dx]!;
      out[y * M + x] = s;
    }
  }
  return out;
}

function paint(canvas: HTMLCanvasElement, side: number, color: (i: number) => [number, number, number]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const data = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const [r, g, b] = color(i);
    data.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(data, 0, 0);
}

export function mountConvDemo(root: HTMLElement, rw: ReluWasm): void {
  const select = el('select', { id: 'conv-filter', 'data-testid': 'conv-filter' });
  for (const [value, f] of Object.entries(FILTERS)) select.append(el('option', { value }, f.label));
  const canvas = (testid: string, side: number, label: string) =>
    el('canvas', {
      width: side,
      height: side,
      class: 'pixels',
      'data-testid': testid,
      role: 'img',
      'aria-label': label,
    });
  const image = canvas('conv-image', N, 'The input: a drawn house under a sun');
  const before = canvas('conv-before', M, 'Feature map before ReLU: positive responses blue, negative red');
  const after = canvas('conv-after', M, 'Feature map after ReLU: only the positive responses remain');
  const zeroed = el('output', { 'data-testid': 'conv-zeroed' });
  const panel = (c: HTMLCanvasElement, title: string) =>
    el('figure', { class: 'panel' }, c, el('figcaption', {}, title));

  const img = scene();
  paint(image, N, (i) => {
    const g = Math.round(img[i]! * 255);
    return [g, g, g];
  });

  const draw = (): void => {
    const map = convolve(img, FILTERS[select.value as FilterName].k);
    const relu = rw.relu(map);
    let scale = 1e-6;
    for (const v of map) scale = Math.max(scale, Math.abs(v));
    // Diverging colours on a paper background: blue for positive, red for negative.
    const shade = (v: number): [number, number, number] => {
      const t = Math.min(1, Math.abs(v) / scale) ** 0.7;
      return v >= 0
        ? [Math.round(250 - 221 * t), Math.round(250 - 172 * t), Math.round(246 - 72 * t)]
        : [Math.round(250 - 48 * t), Math.round(250 - 200 * t), Math.round(246 - 196 * t)];
    };
    paint(before, M, (i) => shade(map[i]!));
    paint(after, M, (i) => shade(relu[i]!));
    const zeros = relu.filter((v) => v === 0).length;
    zeroed.textContent = `${integer(zeros)} of ${integer(relu.length)} (${Math.round((100 * zeros) / relu.length)}%)`;
  };
  select.addEventListener('change', draw);

  root.querySelector('.widget-fallback')?.remove();
  root.append(
    el('div', { class: 'control' }, el('label', { for: 'conv-filter' }, 'Filter'), select),
    el(
      'div',
      { class: 'panels' },
      panel(image, 'Input image'),
      panel(before, 'Filter response'),
      panel(after, 'After ReLU'),
    ),
    el(
      'p',
      { class: 'widget-foot' },
      'Feature-map values ReLU set to 0: ',
      zeroed,
      '. Flat regions give exactly 0 and stay 0.',
    ),
    el(
      'figcaption',
      {},
      `A ${N}×${N} drawn scene, one 3×3 filter (a valid convolution, so a ${M}×${M} feature map), then ReLU. Blue is a positive response, red a negative one, paper white 0.`,
    ),
  );
  draw();
}
