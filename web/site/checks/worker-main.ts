// Starts the worker and shows what it computed (or why it failed).
const backend = document.querySelector<HTMLOutputElement>('[data-testid="worker-backend"]')!;
const output = document.querySelector<HTMLOutputElement>('[data-testid="worker-output"]')!;

const worker = new Worker(new URL('./relu-worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<{ backend: string; output: number[] }>) => {
  backend.textContent = event.data.backend;
  output.textContent = `[${event.data.output.join(', ')}]`;
};
worker.onerror = (event) => {
  output.textContent = `the worker failed: ${event.message}`;
};
