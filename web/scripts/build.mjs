// npm run build: both WASM binaries, relu-wasm/embedded's copies of them as JavaScript and the
// TypeScript into dist/ (the package), then the API reference, the site's data files
// (Fashion-MNIST, build/site-data/) and the site into dist-site/. --package-only skips the site
// (npm pack, npm start).
import { run } from './tools.mjs';

run('node', ['web/scripts/build-wasm.mjs']);
run('node', ['web/scripts/build-embedded.mjs']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
if (!process.argv.includes('--package-only')) {
  run('node', ['web/scripts/build-api-docs.mjs']);
  run('node', ['web/scripts/build-fashion-mnist.mjs']);
  run('npx', ['vite', 'build', '--config', 'web/site/vite.config.ts', '--logLevel', 'warn']);
}
