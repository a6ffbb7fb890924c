// Installs what is missing (system packages with apt as root on Debian, npm dependencies)
// and builds the package into dist/: the common first step of npm start and npm run bench.
import { ensureNodeModules, ensureSystemTools, run } from './tools.mjs';

ensureSystemTools({ browser: process.argv.includes('--browser') });
ensureNodeModules();
run('node', ['web/scripts/build.mjs', '--package-only']);
