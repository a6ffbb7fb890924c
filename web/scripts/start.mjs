// npm start: installs what is missing, builds, and serves the site with Vite's dev server
// on 127.0.0.1, port $PORT or 5173.
import { run } from './tools.mjs';

run('node', ['web/scripts/prepare.mjs']);
run('node', ['web/scripts/build-api-docs.mjs']);
// Without the dataset the site still serves; its real-images section says how to get it.
run('node', ['web/scripts/build-fashion-mnist.mjs', '--optional']);
const port = process.env.PORT || '5173';
run('npx', ['vite', '--config', 'web/site/vite.config.ts', '--host', '127.0.0.1', '--port', port, '--strictPort']);
