// Consumers of the packed tarball, as users meet the package: `npm pack`, then install into
// fresh projects and run them. Each computes the source example and trains a tiny net.
//   - Node 20 ESM (import from a plain .mjs file)
//   - a Vite app: dev server and production build, opened in Chromium (main thread + module worker)
//   - a plain page with no bundler (native ES modules from node_modules, + a module worker)
//   - the custom elements (relu-wasm/elements) on a plain page under a strict CSP
//   - the elements already in the page, configured (ReluElements.configure) or given the page's
//     instance (ReluElements.use) by the module that imports them
//   - a strict TypeScript project against the shipped types, with a line that must not compile
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { EXPECTED, makeProject, packedSuite, readPage, ROOT, serveStatic } from './helpers.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const suite = packedSuite('relu-wasm-consumers-');

const project = (name, fixture) => makeProject(suite.work, suite.tarball, name, fixture);

/** What the app page (fixtures/vite-app) shows once its main thread and worker are done. */
async function readAppPage(url) {
  const { relu, backend, trained, worker } = await readPage(suite.browser, url, [
    'worker',
    'trained',
    'relu',
    'backend',
  ]);
  return { relu, backend, trained, worker };
}

const EXPECTED_PAGE = { relu: EXPECTED, backend: 'wasm-simd', trained: 'loss fell', worker: `${EXPECTED} loss fell` };

describe('packed tarball', () => {
  test('contains only the intended files', () => {
    const listed = execFileSync('tar', ['-tzf', suite.tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    assert.ok(
      listed.includes('dist/wasm/relu-simd.wasm') && listed.includes('dist/wasm/relu-scalar.wasm'),
      'both binaries ship',
    );
    assert.ok(
      listed.includes('dist/elements/register.js') && listed.includes('dist/elements/register.d.ts'),
      'the custom elements ship',
    );
    assert.ok(
      listed.includes('dist/embedded/relu-simd-wasm.js') && listed.includes('dist/embedded.d.ts'),
      'relu-wasm/embedded ships',
    );
    // The registry's page has no repository to resolve relative links against: the README links
    // to the copies of the docs inside the published package.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /\]\((?!https?:|#)[^)]*\)/, 'no relative links in the README');
    const shipped = [...readme.matchAll(/https:\/\/unpkg\.com\/relu-wasm\/([\w/.-]+)/g)].map((m) => m[1]);
    assert.ok(shipped.includes('docs/numerics.md'));
    for (const path of shipped)
      assert.ok(listed.includes(path), `the README links to ${path}, which is not in the package`);
    assert.ok(
      listed.includes('dist/datasets/index.js') && listed.includes('dist/datasets/index.d.ts'),
      'the datasets ship',
    );
    assert.ok(listed.includes('dist/ui/index.js') && listed.includes('dist/ui/index.d.ts'), 'relu-wasm/ui ships');
    for (const f of listed)
      assert.match(
        f,
        /^(dist\/[\w-]+\.(js|d\.ts)|dist\/wasm\/relu-(simd|scalar)\.(mjs|wasm)|dist\/embedded\/relu-(simd|scalar)-wasm\.js|dist\/(elements|datasets|ui)\/[\w-]+\.(js|d\.ts)|docs\/[\w-]+\.(md|svg)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
        `unexpected file ${f}`,
      );
  });

  test('Node 20 ESM: import from a plain .mjs file, both binaries, and relu-wasm/datasets', () => {
    const dir = project('node', 'runtime');
    assert.deepEqual(JSON.parse(execFileSync('node', ['main.mjs'], { cwd: dir, encoding: 'utf8' })), [
      { backend: 'wasm-simd', y: [0, 0, 0, 1, 2], trained: true },
      { backend: 'wasm-scalar', y: [0, 0, 0, 1, 2], trained: true },
    ]);
    writeFileSync(
      join(dir, 'datasets.mjs'),
      `import { generate } from 'relu-wasm/datasets';
const d = generate('xor', { n: 8, seed: 1 });
console.log(JSON.stringify({ dataset: d.name, inputs: d.X.length, labels: d.Y.length }));`,
    );
    assert.deepEqual(JSON.parse(execFileSync('node', ['datasets.mjs'], { cwd: dir, encoding: 'utf8' })), {
      dataset: 'xor',
      inputs: 16,
      labels: 8,
    });
  });

  test('Vite app: dev server and production build in Chromium, main thread and worker', async () => {
    const dir = project('vite-app', ['tiny-net', 'vite-app']);
    const { createServer: createViteServer, build, preview } = await import('vite');
    const dev = await createViteServer({
      root: dir,
      configFile: join(dir, 'vite.config.js'),
      server: { port: 0, host: '127.0.0.1' },
    });
    await dev.listen();
    try {
      assert.deepEqual(await readAppPage(dev.resolvedUrls.local[0]), EXPECTED_PAGE, 'vite dev');
    } finally {
      await dev.close();
    }
    await build({ root: dir, configFile: join(dir, 'vite.config.js') });
    const prod = await preview({
      root: dir,
      configFile: join(dir, 'vite.config.js'),
      preview: { port: 0, host: '127.0.0.1' },
    });
    try {
      assert.deepEqual(await readAppPage(prod.resolvedUrls.local[0]), EXPECTED_PAGE, 'vite build + preview');
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
    const dir = project('plain-page', ['tiny-net', 'vite-app']);
    for (const file of ['main.js', 'worker.js']) {
      const path = join(dir, file);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace("from 'relu-wasm'", "from './node_modules/relu-wasm/dist/index.js'"),
      );
    }
    const server = await serveStatic(dir);
    try {
      assert.deepEqual(await readAppPage(server.url), EXPECTED_PAGE);
    } finally {
      await server.close();
    }
  });

  test('custom elements on a plain page (no bundler) under a strict CSP: plot values, playground trains', async () => {
    const dir = project('elements-page', 'elements-page');
    const server = await serveStatic(dir);
    const page = await suite.browser.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(server.url);
      await page.locator('#trained').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
      const text = async (id) => page.locator(id).textContent();
      // Leaky ReLU with slope 0.1 at x = -1, from the float32 kernels.
      assert.deepEqual(
        { plot: await text('#plot'), trained: await text('#trained'), csp: await text('#csp') },
        {
          plot: '-0.1 0.1',
          trained: 'loss fell',
          csp: 'violations: 0',
        },
      );
      assert.equal(
        await page.locator('relu-plot').evaluate((host) => host.shadowRoot.adoptedStyleSheets.length),
        1,
        'styled under the CSP',
      );
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await page.close();
      await server.close();
    }
  });

  test('elements already in the page: ReluElements.configure() applies; ReluElements.use() shares the page instance (one .wasm fetch)', async () => {
    const dir = project('elements-configure', ['plot-page', 'elements-configure']);
    cpSync(join(dir, 'node_modules', 'relu-wasm', 'dist', 'wasm'), join(dir, 'static', 'wasm'), { recursive: true });
    const server = await serveStatic(dir);
    try {
      assert.deepEqual(await readPage(suite.browser, `${server.url}?configure`, ['plot', 'shared']), {
        plot: '-0.1 0.1',
        shared: 'wasm-simd',
        wasm: ['/static/wasm/relu-simd.wasm'],
      });
      assert.deepEqual(await readPage(suite.browser, `${server.url}?use`, ['plot', 'shared']), {
        plot: '-0.1 0.1',
        shared: 'same instance',
        wasm: ['/node_modules/relu-wasm/dist/wasm/relu-simd.wasm'],
      });
    } finally {
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
    const bad = spawnSync(
      'node',
      [
        TSC,
        '--noEmit',
        '--strict',
        '--module',
        'NodeNext',
        '--moduleResolution',
        'NodeNext',
        '--target',
        'ES2022',
        'bad.ts',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.notEqual(bad.status, 0, 'bad.ts must not compile');
    // TypeScript names the type Activation or spells out its union, depending on how it was reached.
    assert.match(
      bad.stdout,
      /bad\.ts\(5,\d+\): error TS2322: Type '"gelu"' is not assignable to type '(Activation|"linear" \| "relu" \| "leaky_relu")/,
    );
  });
});
