// npm run lint:cpp: clang-tidy over the engine's portable sources (.clang-tidy lists the
// checks). The WASM-only files (*_wasm*.cc) need Emscripten's headers, which only its clang has; they
// are compiled with -Wall -Wextra by every WASM build instead.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, run } from './tools.mjs';

// Configuring is enough: clang-tidy only needs compile_commands.json.
run('cmake', ['-S', '.', '-B', 'build/tidy', '-DCMAKE_BUILD_TYPE=Release'], { stdio: ['ignore', 'ignore', 'inherit'] });
const sources = ['kernels', 'nn'].flatMap((dir) =>
  readdirSync(join(ROOT, 'cpp', dir))
    .filter((f) => f.endsWith('.cc') && !f.includes('_wasm'))
    .map((f) => join('cpp', dir, f)),
);
run('clang-tidy', ['-p', 'build/tidy', '--quiet', ...sources]);
console.log(`clang-tidy: ${sources.length} files clean`);
