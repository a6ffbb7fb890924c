// Section 3: the project's real SIMD kernel, taken from cpp/ at build time (Vite's ?raw), so
// the article cannot drift from the code that runs; and the TypeScript call, run live.
//
// data-testids:
//   code-numpy       the source's NumPy snippet (static HTML, indentation restored)
//   code-cpp         relu4 and f32_vrelu_wasmsimd_u32 from cpp/kernels/f32_vrelu_wasmsimd.cc
//   code-ts          the TypeScript call (static HTML)
//   code-ts-result   what that call returned on this page, e.g. "[0, 0, 0, 1, 2]"
import type { ReluWasm } from 'relu-wasm';
import { formatFloat } from 'relu-wasm/ui';

import kernelSource from '../../../cpp/kernels/f32_vrelu_wasmsimd.cc?raw';

/**
 * The definition that starts at the line containing `signature`, with the comment lines just
 * above it, through the brace that closes it. Throws if the source changed shape, so a build
 * that lost the kernel fails loudly instead of showing nothing.
 */
export function extractDefinition(source: string, signature: string): string {
  const lines = source.split('\n');
  let start = lines.findIndex((l) => l.includes(signature));
  if (start < 0) throw new Error(`kernel source: "${signature}" not found`);
  let end = start;
  let depth = 0;
  let opened = false;
  for (; end < lines.length; end++) {
    for (const ch of lines[end]!) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth === 0) break;
  }
  while (start > 0 && lines[start - 1]!.trimStart().startsWith('//')) start--;
  return lines.slice(start, end + 1).join('\n');
}

export function mountCodePanels(rw: ReluWasm): void {
  const cpp = document.querySelector<HTMLElement>('[data-testid="code-cpp"] code')!;
  cpp.textContent = `${extractDefinition(kernelSource, 'inline v128_t relu4(')}\n\n${extractDefinition(kernelSource, 'void f32_vrelu_wasmsimd_u32(')}`;
  const result = document.querySelector<HTMLOutputElement>('[data-testid="code-ts-result"]')!;
  result.textContent = `Float32Array [${Array.from(rw.relu([-2, -1, 0, 1, 2]), formatFloat).join(', ')}]`;
}
