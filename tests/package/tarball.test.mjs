// The packed tarball installs into an empty Node project and computes the source example
// through `import { loadRelu } from 'relu-wasm'`, using only what `files` ships.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('npm pack tarball installs into an empty project and computes [-2,-1,0,1,2] -> [0,0,0,1,2]', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'relu-wasm-consumer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // dist/ is already built by `npm test`; skip the prepack rebuild.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }),
  )[0];
  const files = packed.files.map((f) => f.path).sort();
  assert.ok(files.includes('dist/wasm/relu-simd.wasm') && files.includes('dist/wasm/relu-scalar.wasm'), 'both binaries ship');
  assert.ok(files.every((f) => /^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(f)), `unexpected files: ${files}`);

  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, packed.filename)], { cwd: dir, stdio: 'pipe' });
  writeFileSync(
    join(dir, 'main.mjs'),
    `import { loadRelu } from 'relu-wasm';
const out = [];
for (const simd of ['auto', false]) {
  const rw = await loadRelu({ simd });
  out.push({ backend: rw.backend, y: Array.from(rw.relu([-2, -1, 0, 1, 2])) });
}
console.log(JSON.stringify(out));`,
  );
  const result = JSON.parse(execFileSync('node', ['main.mjs'], { cwd: dir, encoding: 'utf8' }));
  assert.deepEqual(result, [
    { backend: 'wasm-simd', y: [0, 0, 0, 1, 2] },
    { backend: 'wasm-scalar', y: [0, 0, 0, 1, 2] },
  ]);
  assert.ok(readdirSync(join(dir, 'node_modules', 'relu-wasm', 'dist', 'wasm')).includes('relu-simd.mjs'));
});
