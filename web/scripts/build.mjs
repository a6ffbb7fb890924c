// npm run build: both WASM binaries and the TypeScript into dist/ (the package), then the
// site into dist-site/. --package-only skips the site (used by npm pack).
import { run } from './tools.mjs';

run('node', ['web/scripts/build-wasm.mjs']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
if (!process.argv.includes('--package-only')) {
  run('npx', ['vite', 'build', '--config', 'web/site/vite.config.ts', '--logLevel', 'warn']);
}
