// The shipped binaries export what the package calls and what Emscripten's runtime needs,
// nothing else: no benchmark-only kernels (those live in build/wasm/bench, cpp/bench/wasm).
// -O3 minifies the export names, so each is mapped back to its C name through the glue
// (`Module["_name"] = Module["asm"]["x"]`) and every export of the .wasm must be so named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const dist = new URL('../../dist/wasm/', import.meta.url);

const ALLOWED = new Set([
  // The raw zero-copy kernels (cpp/bindings/bindings.cc, extern "C").
  '_relu_wasm_forward',
  '_relu_wasm_backward',
  '_relu_wasm_leaky_forward',
  '_relu_wasm_leaky_backward',
  '_relu_wasm_sigmoid_forward',
  '_relu_wasm_sigmoid_backward',
  '_relu_wasm_tanh_forward',
  '_relu_wasm_tanh_backward',
  // Emscripten's runtime and Embind.
  '___wasm_call_ctors',
  '_malloc',
  '_free',
  '___getTypeName',
  '___embind_register_native_and_builtin_types',
]);

for (const variant of ['simd', 'scalar']) {
  test(`relu-${variant}.wasm exports only the allowed functions`, () => {
    const glue = readFileSync(new URL(`relu-${variant}.mjs`, dist), 'utf8');
    const named = new Map();
    for (const [, name, short] of glue.matchAll(
      /Module\["([A-Za-z0-9_$]+)"\]=Module\["asm"\]\["([A-Za-z0-9_$]+)"\]/g,
    )) {
      named.set(short, name);
    }
    const module = new WebAssembly.Module(readFileSync(new URL(`relu-${variant}.wasm`, dist)));
    const functions = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function');
    assert.ok(functions.length > 0);
    const names = functions.map((e) => {
      const name = named.get(e.name);
      assert.ok(name, `export "${e.name}" of relu-${variant}.wasm is not named in the glue`);
      return name;
    });
    const unexpected = names.filter((n) => !ALLOWED.has(n));
    assert.deepEqual(unexpected, [], `relu-${variant}.wasm exports ${unexpected.join(', ')}`);
    for (const kernel of [
      '_relu_wasm_forward',
      '_relu_wasm_backward',
      '_relu_wasm_leaky_forward',
      '_relu_wasm_leaky_backward',
      '_relu_wasm_sigmoid_forward',
      '_relu_wasm_sigmoid_backward',
      '_relu_wasm_tanh_forward',
      '_relu_wasm_tanh_backward',
    ]) {
      assert.ok(names.includes(kernel), `relu-${variant}.wasm lacks ${kernel}`);
    }
  });
}
