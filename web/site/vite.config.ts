// The static site (the article, later the playground). It imports relu-wasm exactly as a
// user's app would; the alias points at the package as built into dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  resolve: {
    alias: { 'relu-wasm': `${repo}dist/index.js` },
  },
  build: {
    outDir: `${repo}dist-site`,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: `${root}index.html`,
        'checks/worker': `${root}checks/worker.html`,
        'checks/train-bench': `${root}checks/train-bench.html`,
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
