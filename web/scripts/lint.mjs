// npm run lint: ESLint over the TypeScript and JavaScript, and a clang-format check of the C++
// (no rewriting). `npm run format` (this script with --fix) rewrites both instead.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, run } from './tools.mjs';

const fix = process.argv.includes('--fix');
const cppFiles = ['cpp', join('tests', 'cpp')].flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(cc|h)$/.test(f))
    .map((f) => join(dir, f)),
);

run('node', ['web/scripts/gen-option-table.mjs', ...(fix ? [] : ['--check'])]);
run('npx', ['eslint', ...(fix ? ['--fix'] : []), '.']);
run('clang-format', fix ? ['-i', ...cppFiles] : ['--dry-run', '-Werror', ...cppFiles]);
console.log(`lint: ESLint clean, ${cppFiles.length} C++ files ${fix ? 'formatted' : 'match .clang-format'}`);
