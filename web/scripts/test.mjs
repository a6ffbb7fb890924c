// npm test: installs what is missing, builds everything, then runs every test suite:
// C++ (CTest), the package in Node (node --test, both backends), the site in Chromium
// (Playwright). Stops at the first failing step.
import { ensureNodeModules, ensureSystemTools, run } from './tools.mjs';

ensureSystemTools({ browser: true });
ensureNodeModules();
run('node', ['web/scripts/build.mjs']);
run('node', ['web/scripts/test-cpp.mjs']);
run('npm', ['run', '--silent', 'test:package']);
run('npx', ['playwright', 'test']);
