// npm run lint: the option table's generated header is current, ESLint and Prettier over the
// TypeScript and JavaScript, and clang-format over the C++ (checks only, no rewriting).
// `npm run format` (this script with --fix) regenerates and rewrites instead.
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
run('npx', ['prettier', fix ? '--write' : '--check', '--log-level', 'warn', '.']);
run('clang-format', fix ? ['-i', ...cppFiles] : ['--dry-run', '-Werror', ...cppFiles]);
console.log(
  `lint: ESLint clean, TypeScript/JavaScript and ${cppFiles.length} C++ files ${fix ? 'formatted' : 'match Prettier and .clang-format'}`,
);
