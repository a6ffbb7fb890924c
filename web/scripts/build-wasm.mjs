// Builds dist/wasm/relu-{simd,scalar}.{mjs,wasm} with Emscripten through CMake.
import { EMSCRIPTEN_ENV, run } from './tools.mjs';

// The engine's option header follows the package's option table.
run('node', ['web/scripts/gen-option-table.mjs']);
run('emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=Release'], { env: EMSCRIPTEN_ENV });
run('cmake', ['--build', 'build/wasm', '--parallel'], { env: EMSCRIPTEN_ENV });
