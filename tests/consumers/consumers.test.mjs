// Consumers of the packed tarball, as users meet the package: `npm pack`, then install into
// fresh projects and run them. Each computes the source example and trains a tiny net.
//   - Node 20 ESM (import from a plain .mjs file)
//   - a Vite app: dev server and production build, opened in Chromium (main thread + module worker)
//   - a plain page with no bundler (native ES modules from node_modules, + a module worker)
//   - the custom elements (relu-wasm/elements) on a plain page under a strict CSP
//   - a strict TypeScript project against the shipped types, with a line that must not compile
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const EXPECTED = '[0,0,0,1,2]';

let work;
let tarball;
let browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'relu-wasm-consumers-'));
  // dist/ is built by `npm test` before this runs; skip the prepack rebuild.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }))[0];
  tarball = join(work, packed.filename);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh project from a fixture folder with the tarball installed (offline: no dependencies). */
function project(name, fixture) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  if (fixture) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/** Opens url in Chromium; returns what the page shows, failing on any console error. */
async function readPage(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.locator('#worker').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
    await page.locator('#trained').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
    const text = async (id) => page.locator(id).textContent();
    const result = { relu: await text('#relu'), backend: await text('#backend'), trained: await text('#trained'), worker: await text('#worker') };
    assert.deepEqual(errors, [], 'no console errors');
    return result;
  } finally {
    await page.close();
  }
}

const EXPECTED_PAGE = { relu: EXPECTED, backend: 'wasm-simd', trained: 'loss fell', worker: `${EXPECTED} loss fell` };

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** A bare static file server: what a user without a bundler puts in front of their page. */
async function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = readFileSync(path.endsWith('/') ? join(path, 'index.html') : path);
      res.writeHead(200, { 'content-type': MIME[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

describe('packed tarball', () => {
  test('contains only the intended files', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    assert.ok(listed.includes('dist/wasm/relu-simd.wasm') && listed.includes('dist/wasm/relu-scalar.wasm'), 'both binaries ship');
    assert.ok(listed.includes('dist/elements/register.js') && listed.includes('dist/elements/register.d.ts'), 'the custom elements ship');
    assert.ok(listed.includes('dist/datasets/index.js') && listed.includes('dist/datasets/index.d.ts'), 'the datasets ship');
    assert.ok(listed.includes('dist/ui/index.js') && listed.includes('dist/ui/index.d.ts'), 'relu-wasm/ui ships');
    for (const f of listed) assert.match(f, /^(dist\/[\w-]+\.(js|d\.ts)|dist\/wasm\/relu-(simd|scalar)\.(mjs|wasm)|dist\/(elements|datasets|ui)\/[\w-]+\.(js|d\.ts)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/, `unexpected file ${f}`);
  });

  test('Node 20 ESM: import from a plain .mjs file, both binaries, and relu-wasm/datasets', () => {
    const dir = project('node');
    writeFileSync(
      join(dir, 'main.mjs'),
      `import { loadRelu } from 'relu-wasm';
import { generate } from 'relu-wasm/datasets';
const out = [];
for (const simd of ['auto', false]) {
  const rw = await loadRelu({ simd });
  const net = rw.createMLP({ sizes: [2, 8, 1], seed: 1 });
  const X = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), Y = new Float32Array([0, 1, 1, 0]);
  const before = net.lossAndGradients(X, Y).loss;
  net.train(X, Y, { batchSize: 4, steps: 500, optimizer: 'adam', lr: 0.05 });
  out.push({ backend: rw.backend, y: Array.from(rw.relu([-2, -1, 0, 1, 2])), trained: net.lossAndGradients(X, Y).loss < before / 2 });
}
const d = generate('xor', { n: 8, seed: 1 });
out.push({ dataset: d.name, inputs: d.X.length, labels: d.Y.length });
console.log(JSON.stringify(out));`,
    );
    assert.deepEqual(JSON.parse(execFileSync('node', ['main.mjs'], { cwd: dir, encoding: 'utf8' })), [
      { backend: 'wasm-simd', y: [0, 0, 0, 1, 2], trained: true },
      { backend: 'wasm-scalar', y: [0, 0, 0, 1, 2], trained: true },
      { dataset: 'xor', inputs: 16, labels: 8 },
    ]);
  });

  test('Vite app: dev server and production build in Chromium, main thread and worker', async () => {
    const dir = project('vite-app', 'vite-app');
    const { createServer: createViteServer, build, preview } = await import('vite');
    const dev = await createViteServer({ root: dir, configFile: join(dir, 'vite.config.js'), server: { port: 0, host: '127.0.0.1' } });
    await dev.listen();
    try {
      assert.deepEqual(await readPage(dev.resolvedUrls.local[0]), EXPECTED_PAGE, 'vite dev');
    } finally {
      await dev.close();
    }
    await build({ root: dir, configFile: join(dir, 'vite.config.js') });
    const prod = await preview({ root: dir, configFile: join(dir, 'vite.config.js'), preview: { port: 0, host: '127.0.0.1' } });
    try {
      assert.deepEqual(await readPage(prod.resolvedUrls.local[0]), EXPECTED_PAGE, 'vite build + preview');
    } finally {
      await prod.close();
    }
    // The production build emitted both binaries as hashed assets.
    const assets = execFileSync('ls', [join(dir, 'dist', 'assets')], { encoding: 'utf8' });
    assert.match(assets, /relu-simd-[\w-]+\.wasm/);
    assert.match(assets, /relu-scalar-[\w-]+\.wasm/);
  });

  test('plain page with native ES modules and no bundler, main thread and worker', async () => {
    // The Vite app's own page and modules, with the bare specifier a bundler would resolve
    // replaced by the path a page without one must use.
    const dir = project('plain-page', 'vite-app');
    for (const file of ['main.js', 'worker.js']) {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace("from 'relu-wasm'", "from './node_modules/relu-wasm/dist/index.js'"));
    }
    const server = await serveStatic(dir);
    try {
      assert.deepEqual(await readPage(server.url), EXPECTED_PAGE);
    } finally {
      await server.close();
    }
  });

  test('custom elements on a plain page (no bundler) under a strict CSP: plot values, playground trains', async () => {
    const dir = project('elements-page', 'elements-page');
    const server = await serveStatic(dir);
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(server.url);
      await page.locator('#trained').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
      const text = async (id) => page.locator(id).textContent();
      // Leaky ReLU with slope 0.1 at x = -1, from the float32 kernels.
      assert.deepEqual({ plot: await text('#plot'), trained: await text('#trained'), csp: await text('#csp') }, {
        plot: '-0.1 0.1',
        trained: 'loss fell',
        csp: 'violations: 0',
      });
      assert.equal(await page.locator('relu-plot').evaluate((host) => host.shadowRoot.adoptedStyleSheets.length), 1, 'styled under the CSP');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await page.close();
      await server.close();
    }
  });

  test('strict TypeScript against the shipped types; a wrong call fails to compile', () => {
    const dir = project('ts-strict', 'ts-strict');
    execFileSync('node', [TSC, '-p', '.'], { cwd: dir, stdio: 'pipe' });
    assert.deepEqual(JSON.parse(execFileSync('node', [join('out', 'main.js')], { cwd: dir, encoding: 'utf8' })), {
      y: [0, 0, 0, 1, 2],
      backend: 'wasm-simd',
      finite: true,
    });
    const bad = spawnSync('node', [TSC, '--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', 'bad.ts'], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(bad.status, 0, 'bad.ts must not compile');
    assert.match(bad.stdout, /bad\.ts\(5,\d+\): error TS2322: Type '"gelu"' is not assignable to type 'Activation/);
  });
});
