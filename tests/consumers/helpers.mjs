// Shared by the consumer suites: pack the tarball once per suite, make fresh projects that
// install it offline, serve a folder statically, open pages in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../../web/scripts/chromium.mjs';

export { launchChromium };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const BIN = join(ROOT, 'node_modules', '.bin');
export const EXPECTED = '[0,0,0,1,2]';

/** A temporary folder holding the packed tarball. */
export function packTarball(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  // dist/ is built by `npm test` before this runs; skip the prepack rebuild.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  )[0];
  return { work, tarball: join(work, packed.filename) };
}

/**
 * A fresh project from a fixture folder (or from several, copied in order: shared modules
 * first, then the fixture's own files) with the tarball installed (offline: the package has
 * no dependencies). The tools themselves run from this repository's node_modules.
 */
export function makeProject(work, tarball, name, fixtures) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const fixture of [fixtures ?? []].flat()) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/**
 * Opens url in Chromium and waits until every element of `ids` has text; returns the texts
 * by id and the .wasm URLs requested. Fails on any console error.
 */
export async function readPage(browser, url, ids) {
  const page = await browser.newPage();
  const errors = [];
  const wasm = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  try {
    await page.goto(url);
    const result = {};
    for (const id of ids) {
      await page.locator(`#${id}`).filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
      result[id] = await page.locator(`#${id}`).textContent();
    }
    assert.deepEqual(errors, [], 'no console errors');
    return { ...result, wasm };
  } finally {
    await page.close();
  }
}

const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
};

/** A bare static file server: what a user without a bundler puts in front of their page. */
export async function serveStatic(dir) {
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

/**
 * Registers the suite's before() and after(): pack the tarball into a temporary folder and
 * launch Chromium; then close the browser and remove the folder. The returned object holds
 * work, tarball and browser once before() has run.
 */
export function packedSuite(prefix) {
  const suite = {};
  before(async () => {
    Object.assign(suite, packTarball(prefix));
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    if (suite.work) rmSync(suite.work, { recursive: true, force: true });
  });
  return suite;
}

/** Serves dir, reads the page at its root, closes the server. */
export async function readServedPage(browser, dir, ids) {
  const server = await serveStatic(dir);
  try {
    return await readPage(browser, server.url, ids);
  } finally {
    await server.close();
  }
}
