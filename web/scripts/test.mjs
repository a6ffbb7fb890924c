// npm test: installs what is missing, checks lint, formatting and types, builds everything,
// then runs every test suite: C++ (CTest, under ASan and UBSan), the package in Node
// (node --test, both binaries), the site's parsers and URL state in Node (compiled to
// build/site-node, fuzzed), the packed tarball in fresh consumer projects (Node, Vite, plain
// page, strict TypeScript), the site in Chromium (Playwright). Stops at the first failure.
import { ensureNodeModules, ensureSystemTools, run } from './tools.mjs';

ensureSystemTools({ browser: true });
ensureNodeModules();
run('node', ['web/scripts/lint.mjs']);
run('node', ['web/scripts/lint-cpp.mjs']);
run('node', ['web/scripts/build.mjs']);
// After the build: the site's type check needs the package's declarations in dist/.
run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('node', ['web/scripts/test-cpp.mjs']);
run('npm', ['run', '--silent', 'test:package']);
run('npm', ['run', '--silent', 'test:site']);
run('npm', ['run', '--silent', 'test:consumers']);
run('npx', ['playwright', 'test']);
