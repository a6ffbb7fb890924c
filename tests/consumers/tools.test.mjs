// Every bundler and runtime of the README's table, as a user meets it: the packed tarball
// installed into a fresh project, built with no configuration, then the page opened in
// Chromium or the script run. The tools run from this repository's node_modules (pinned in
// devDependencies), so nothing is downloaded. Each build logs its output size for the README.
//   - esbuild, Rollup 4 + node-resolve, `bun build`: relu-wasm/embedded (no .wasm to emit),
//     and esbuild with relu-wasm/embedded/elements sharing the page's instance
//   - Parcel 2 and webpack 5: relu-wasm itself (they emit the .wasm files; SIMD alone fetched)
//   - Bun and Deno runtimes, Vitest (node environment): relu-wasm
//   - TypeScript without the DOM lib (skipLibCheck false) under node16, nodenext and bundler
//   - publint and @arethetypeswrong/cli (profile esm-only) on the tarball
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { BIN, EXPECTED, makeProject, packedSuite, readServedPage, ROOT } from './helpers.mjs';

const require = createRequire(import.meta.url);

const suite = packedSuite('relu-wasm-tools-');

// The bundler page's own files, on the shared tiny-net module (helpers.mjs makeProject).
const BUNDLER_PAGE = ['tiny-net', 'bundler-page'];
const PAGE_IDS = ['relu', 'backend', 'trained'];
const EXPECTED_PAGE = { relu: EXPECTED, backend: 'wasm-simd', trained: 'loss fell' };
const EXPECTED_RUN = [
  { backend: 'wasm-simd', y: [0, 0, 0, 1, 2], trained: true },
  { backend: 'wasm-scalar', y: [0, 0, 0, 1, 2], trained: true },
];

/** A fresh project from a fixture, with `from 'relu-wasm'` swapped for `specifier` in `file`. */
function project(name, fixture, { file, specifier } = {}) {
  const dir = makeProject(suite.work, suite.tarball, name, fixture);
  if (specifier) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll("from 'relu-wasm'", `from '${specifier}'`));
  }
  return dir;
}

/** Logs the built files' total size (raw and gzip; no HTML, no source maps), for the README's table. */
function logSize(tool, dir) {
  const files = readdirSync(dir, { recursive: true }).filter(
    (f) => statSync(join(dir, f)).isFile() && !/\.(html|map)$/.test(f),
  );
  const bytes = files.map((f) => readFileSync(join(dir, f)));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const raw = bytes.reduce((s, b) => s + b.length, 0);
  const gzip = bytes.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
  console.log(`${tool}: ${files.length} files, ${kib(raw)} raw, ${kib(gzip)} gzip`);
}

/** esbuild, as the README shows it: main.js bundled into dist/ (ESM, code splitting, minified). */
async function esbuildPage(dir) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: ['main.js'],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    outdir: 'dist',
    logLevel: 'error',
  });
}

/** Puts the page's index.html beside the bundle in dir/dist, serves that and reads the page. */
function readBuiltPage(dir, ids) {
  cpSync(join(dir, 'index.html'), join(dir, 'dist', 'index.html'));
  return readServedPage(suite.browser, join(dir, 'dist'), ids);
}

/** Runs a command in dir; returns stdout, failing with its stderr. */
function runIn(dir, command, args, env = {}) {
  const r = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('bundlers, zero configuration', () => {
  test('esbuild (--bundle --splitting, minified) with relu-wasm/embedded: no .wasm file is requested', async () => {
    const dir = project('esbuild', BUNDLER_PAGE, { file: 'main.js', specifier: 'relu-wasm/embedded' });
    await esbuildPage(dir);
    logSize('esbuild + relu-wasm/embedded', join(dir, 'dist'));
    assert.deepEqual(await readBuiltPage(dir, PAGE_IDS), { ...EXPECTED_PAGE, wasm: [] });
  });

  test('esbuild with relu-wasm/embedded/elements: a <relu-plot> already in the page uses the instance given to ReluElements.use()', async () => {
    const dir = project('esbuild-elements', ['plot-page', 'embedded-elements']);
    await esbuildPage(dir);
    logSize('esbuild + relu-wasm/embedded/elements', join(dir, 'dist'));
    assert.deepEqual(await readBuiltPage(dir, ['plot', 'shared']), {
      plot: '-0.1 0.1',
      shared: 'same instance',
      wasm: [],
    });
  });

  test('Rollup 4 + @rollup/plugin-node-resolve with relu-wasm/embedded', async () => {
    const dir = project('rollup', BUNDLER_PAGE, { file: 'main.js', specifier: 'relu-wasm/embedded' });
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const bundle = await rollup({
      input: join(dir, 'main.js'),
      plugins: [nodeResolve({ browser: true })],
      onwarn: (w) => assert.fail(`rollup warned: ${w.message}`),
    });
    await bundle.write({ dir: join(dir, 'dist'), format: 'es' });
    await bundle.close();
    logSize('rollup + relu-wasm/embedded (not minified)', join(dir, 'dist'));
    assert.deepEqual(await readBuiltPage(dir, PAGE_IDS), { ...EXPECTED_PAGE, wasm: [] });
  });

  test('bun build --target=browser with relu-wasm/embedded', async () => {
    const dir = project('bun-build', BUNDLER_PAGE, {
      file: 'main.js',
      specifier: 'relu-wasm/embedded',
    });
    runIn(dir, join(BIN, 'bun'), [
      'build',
      '--target=browser',
      '--splitting',
      '--minify',
      '--outdir',
      'dist',
      'main.js',
    ]);
    logSize('bun build + relu-wasm/embedded', join(dir, 'dist'));
    assert.deepEqual(await readBuiltPage(dir, PAGE_IDS), { ...EXPECTED_PAGE, wasm: [] });
  });

  test('Parcel 2 (production build from index.html) with relu-wasm: both binaries emitted, SIMD alone fetched', async () => {
    const dir = project('parcel', BUNDLER_PAGE);
    const { Parcel } = await import('@parcel/core');
    const parcel = new Parcel({
      entries: join(dir, 'index.html'),
      // What `npx parcel build index.html` uses; resolved here since the project has no parcel.
      defaultConfig: require.resolve('@parcel/config-default'),
      mode: 'production',
      shouldDisableCache: true,
      cacheDir: join(dir, '.parcel-cache'),
      defaultTargetOptions: { distDir: join(dir, 'dist'), publicUrl: './' },
      logLevel: 'error',
    });
    await parcel.run();
    logSize('parcel + relu-wasm', join(dir, 'dist'));
    const emitted = readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.wasm'));
    assert.equal(emitted.length, 2, `both binaries: ${emitted}`);
    const shown = await readServedPage(suite.browser, join(dir, 'dist'), PAGE_IDS);
    assert.match(shown.wasm.join(), /^\/relu-simd\.\w+\.wasm$/);
    assert.deepEqual({ ...shown, wasm: [] }, { ...EXPECTED_PAGE, wasm: [] });
  });

  test('webpack 5 (production) with relu-wasm: both binaries emitted, SIMD alone fetched', async () => {
    const dir = project('webpack', BUNDLER_PAGE);
    const { default: webpack } = await import('webpack');
    const stats = await new Promise((resolve, reject) => {
      const compiler = webpack({
        mode: 'production',
        context: dir,
        entry: './main.js',
        output: { path: join(dir, 'dist') },
      });
      compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result))));
    });
    assert.ok(!stats.hasErrors() && !stats.hasWarnings(), stats.toString('errors-warnings'));
    logSize('webpack + relu-wasm', join(dir, 'dist'));
    assert.equal(readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.wasm')).length, 2, 'both binaries');
    // webpack's default output is a classic script (its public path comes from currentScript).
    writeFileSync(
      join(dir, 'dist', 'index.html'),
      readFileSync(join(dir, 'index.html'), 'utf8').replace('type="module"', 'defer'),
    );
    const shown = await readServedPage(suite.browser, join(dir, 'dist'), PAGE_IDS);
    assert.equal(shown.wasm.length, 1, `one binary fetched: ${shown.wasm}`);
    assert.deepEqual({ ...shown, wasm: [] }, { ...EXPECTED_PAGE, wasm: [] });
  });
});

describe('runtimes and test runners', () => {
  test('Bun runtime: relu-wasm, and relu-wasm/embedded', () => {
    const dir = project('bun', 'runtime');
    assert.deepEqual(JSON.parse(runIn(dir, join(BIN, 'bun'), ['main.mjs'])), EXPECTED_RUN);
    writeFileSync(
      join(dir, 'embedded.mjs'),
      readFileSync(join(dir, 'main.mjs'), 'utf8').replace("from 'relu-wasm'", "from 'relu-wasm/embedded'"),
    );
    assert.deepEqual(JSON.parse(runIn(dir, join(BIN, 'bun'), ['embedded.mjs'])), EXPECTED_RUN);
  });

  test('Deno: relu-wasm with --allow-read; relu-wasm/embedded with no permission at all', () => {
    const dir = project('deno', 'runtime');
    const env = { DENO_DIR: join(suite.work, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
    assert.deepEqual(JSON.parse(runIn(dir, join(BIN, 'deno'), ['run', '--allow-read', 'main.mjs'], env)), EXPECTED_RUN);
    const denied = spawnSync(join(BIN, 'deno'), ['run', 'main.mjs'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    assert.match(denied.stderr, /ReluLoadError: could not read the relu-wasm binary at file:.*--allow-read/);
    writeFileSync(
      join(dir, 'embedded.mjs'),
      readFileSync(join(dir, 'main.mjs'), 'utf8').replace("from 'relu-wasm'", "from 'relu-wasm/embedded'"),
    );
    assert.deepEqual(JSON.parse(runIn(dir, join(BIN, 'deno'), ['run', 'embedded.mjs'], env)), EXPECTED_RUN);
  });

  test('Vitest 4 (node environment) runs a suite that uses relu-wasm', () => {
    const dir = project('vitest', 'vitest');
    const out = runIn(dir, process.execPath, [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--root',
      dir,
      '--environment',
      'node',
    ]);
    assert.match(out, /Tests\s+1 passed/);
  });
});

describe('types and package lint', () => {
  const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // A Node-only project: no DOM lib, Node's types only, skipLibCheck off.
  const nodeOnly = (module, moduleResolution) => ({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module,
      moduleResolution,
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    },
    files: ['main.ts'],
  });

  test('TypeScript without the DOM lib, skipLibCheck false: node16, nodenext, bundler; the elements under node16 with the DOM', async () => {
    const dir = project('ts-node-only', 'ts-node-only');
    const configs = {
      node16: nodeOnly('node16', 'node16'),
      nodenext: nodeOnly('nodenext', 'nodenext'),
      bundler: nodeOnly('preserve', 'bundler'),
      elements: {
        compilerOptions: { ...nodeOnly('node16', 'node16').compilerOptions, lib: ['ES2022', 'DOM'], types: [] },
        files: ['elements.ts'],
      },
    };
    // Side by side: each run type-checks all of @types/node (skipLibCheck is off).
    const runs = Object.entries(configs).map(([name, config]) => {
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config));
      return new Promise((resolve) => {
        execFile(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], { cwd: dir }, (error, stdout) =>
          resolve({ name, error, stdout }),
        );
      });
    });
    for (const { name, error, stdout } of await Promise.all(runs)) assert.equal(error, null, `${name}:\n${stdout}`);
  });

  test('publint: all good; @arethetypeswrong/cli --profile esm-only: no problem', () => {
    const lint = execFileSync(join(BIN, 'publint'), ['run', suite.tarball], { encoding: 'utf8' });
    assert.match(lint, /All good!/);
    const attw = spawnSync(join(BIN, 'attw'), [suite.tarball, '--profile', 'esm-only', '--format', 'ascii'], {
      encoding: 'utf8',
    });
    assert.equal(attw.status, 0, attw.stdout + attw.stderr);
  });
});
