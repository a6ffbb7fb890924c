// Section 3: the project's real SIMD kernel, taken from cpp/ at build time (Vite's ?raw), so
// the article cannot drift from the code that runs; and the TypeScript call, run live.
//
// data-testids:
//   code-numpy       the source's NumPy snippet (static HTML, indentation restored)
//   code-cpp         the essential lines of relu4 and f32_vrelu_wasmsimd_u32, cut from
//                    cpp/kernels/f32_vrelu_wasmsimd.cc at build time (comments dropped, the
//                    unrolled loop's body folded); the page names the file beside it
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

/**
 * A definition as a learner needs it: its comment lines dropped, and the body of any loop
 * longer than `maxBody` lines (the unrolled one) folded into a one-line note.
 */
export function essentialLines(definition: string, maxBody = 4): string {
  const lines = definition.split('\n').filter((l) => !l.trimStart().startsWith('//'));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    if (!/^\s*for \(.*\{\s*$/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    const close = lines.findIndex((l, j) => j > i && l.trimEnd() === `${' '.repeat(indent)}}`);
    if (close < 0) throw new Error(`kernel source: loop at "${line.trim()}" has no closing brace`);
    if (close - i - 1 <= maxBody) continue;
    const stores = lines.slice(i + 1, close).filter((l) => l.includes('store')).length;
    out.push(
      `${' '.repeat(indent + 2)}// … folded: ${stores} vectors per iteration, the same work as the loop below`,
      lines[close]!,
    );
    i = close;
  }
  return out.join('\n');
}

/** The file the C++ panel is cut from, named on the page beside it. */
export const KERNEL_PATH = 'cpp/kernels/f32_vrelu_wasmsimd.cc';

/** The C++ panel's text: ReLU on four lanes, and the kernel's loops. */
export function kernelExcerpt(source: string): string {
  return [
    essentialLines(extractDefinition(source, 'inline v128_t relu4(')),
    essentialLines(extractDefinition(source, 'void f32_vrelu_wasmsimd_u32(')),
  ].join('\n\n');
}

export function mountCodePanels(rw: ReluWasm): void {
  const cpp = document.querySelector<HTMLElement>('[data-testid="code-cpp"] code')!;
  cpp.textContent = kernelExcerpt(kernelSource);
  const result = document.querySelector<HTMLOutputElement>('[data-testid="code-ts-result"]')!;
  result.textContent = `Float32Array [${Array.from(rw.relu([-2, -1, 0, 1, 2]), formatFloat).join(', ')}]`;
}
