// Shared helpers of the build and test scripts: run a command, check for system tools and
// install missing ones with apt (as root on Debian) or say exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Debian's emcc needs this to find acorn and friends; harmless for other installs.
export const EMSCRIPTEN_ENV = {
  ...process.env,
  NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':'),
};

export function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n${command} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// command -> Debian package that provides it.
const SYSTEM_TOOLS = {
  cmake: 'cmake',
  'g++': 'g++',
  emcc: 'emscripten',
  'wasm-objdump': 'wabt',
  'clang-format': 'clang-format',
  'clang-tidy': 'clang-tidy',
};
const SYSTEM_FILES = {
  '/usr/lib/x86_64-linux-gnu/cmake/GTest/GTestConfig.cmake': 'libgtest-dev',
};
// Data the site's build converts (web/scripts/build-fashion-mnist.mjs). Installed like the
// tools when apt can run; otherwise only a warning here: `npm start` serves without it, and
// the build (so `npm test` and CI) fails, naming what to install.
const DATA_FILES = {
  '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz': 'dataset-fashion-mnist',
};

/** Installs missing system tools (apt, as root on Debian) or exits saying what to install. */
export function ensureSystemTools({ browser = false } = {}) {
  const missing = new Set();
  for (const [command, pkg] of Object.entries(SYSTEM_TOOLS)) if (!has(command)) missing.add(pkg);
  for (const [file, pkg] of Object.entries(SYSTEM_FILES)) {
    if (!existsSync(file) && !existsSync(file.replace('x86_64-linux-gnu', 'aarch64-linux-gnu'))) missing.add(pkg);
  }
  if (browser && !existsSync('/usr/bin/chromium')) missing.add('chromium');
  const missingData = Object.entries(DATA_FILES).filter(
    ([file]) => !existsSync(file) && !process.env.FASHION_MNIST_DIR,
  );
  const canApt = process.getuid?.() === 0 && existsSync('/etc/debian_version') && has('apt-get');
  if (canApt) for (const [, pkg] of missingData) missing.add(pkg);
  else if (missingData.length > 0) {
    console.warn(
      `Missing data package: ${missingData.map(([, p]) => p).join(' ')} (sudo apt-get install -y ${missingData.map(([, p]) => p).join(' ')})`,
    );
  }
  if (missing.size === 0) return;
  const packages = [...missing];
  if (!canApt) {
    console.error(
      `Missing system packages: ${packages.join(' ')}\n` +
        `On Debian or Ubuntu install them with:\n  sudo apt-get install -y ${packages.join(' ')}\n` +
        'Elsewhere: Emscripten (emcc on PATH), CMake >= 3.20, a C++17 compiler, GoogleTest, and Chromium at /usr/bin/chromium.',
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

/** Installs the npm dependencies when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lockfile = join(ROOT, 'package-lock.json');
  // npm writes node_modules/.package-lock.json on every install: older than the lockfile means
  // the dependencies changed since (a pull, a branch switch).
  if (existsSync(installed) && (!existsSync(lockfile) || statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs))
    return;
  run('npm', [existsSync(lockfile) ? 'ci' : 'install', '--no-audit', '--no-fund']);
}
