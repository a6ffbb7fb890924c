// The train and test loss curves over training steps, on one small canvas.
export interface LossSample {
  steps: number;
  train: number;
  test: number;
}

const MAX_SAMPLES = 600;

export class LossChart {
  #samples: LossSample[] = [];
  constructor(private readonly canvas: HTMLCanvasElement) {}

  clear(): void {
    this.#samples = [];
    this.draw();
  }

  add(s: LossSample): void {
    const last = this.#samples[this.#samples.length - 1];
    if (last && last.steps === s.steps) this.#samples[this.#samples.length - 1] = s;
    else this.#samples.push(s);
    // Keep memory and drawing bounded on long runs: drop every other old sample.
    if (this.#samples.length > MAX_SAMPLES) this.#samples = this.#samples.filter((_, i) => i % 2 === 0 || i === this.#samples.length - 1);
    this.draw();
  }

  draw(): void {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(c.clientWidth * dpr));
    const h = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d')!;
    ctx.clearRect(0, 0, w, h);
    const finite = this.#samples.filter((s) => Number.isFinite(s.train));
    if (finite.length < 1) return;
    let max = 0;
    for (const s of finite) max = Math.max(max, s.train, Number.isFinite(s.test) ? s.test : 0);
    max = max || 1;
    const x0 = finite[0]!.steps;
    const span = Math.max(1, finite[finite.length - 1]!.steps - x0);
    const line = (key: 'train' | 'test', color: string) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      let started = false;
      for (const s of finite) {
        const v = s[key];
        if (!Number.isFinite(v)) continue;
        const x = ((s.steps - x0) / span) * (w - 2) + 1;
        const y = h - 1 - (Math.min(v, max) / max) * (h - 2);
        if (started) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
    };
    line('test', '#0877bd');
    line('train', '#333');
  }
}
