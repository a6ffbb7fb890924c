// npm start: installs what is missing, builds, and serves the site with Vite's dev server
// on 127.0.0.1, port $PORT or 5173.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, run } from './tools.mjs';

run('node', ['web/scripts/prepare.mjs']);
run('node', ['web/scripts/build-api-docs.mjs']);
// Without the dataset the site still serves; its real-images section says how to get it.
run('node', ['web/scripts/build-fashion-mnist.mjs', '--optional']);

const PUBLIC = join(ROOT, 'web', 'site', 'public');

// Vite's dev server answers a folder URL such as /api/ with the article (its SPA fallback);
// a static host, and so the built site, answers with the folder's index.html. Do the same
// for the folders of web/site/public (the API reference).
function folderIndex() {
  return {
    name: 'relu-wasm-folder-index',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const [path, query] = (req.url ?? '/').split('?');
        const folder = path.endsWith('/') ? path : `${path}/`;
        if (path !== '/' && existsSync(join(PUBLIC, folder, 'index.html'))) {
          if (!path.endsWith('/')) return res.writeHead(301, { location: folder + (query ? `?${query}` : '') }).end();
          req.url = `${folder}index.html${query ? `?${query}` : ''}`;
        }
        next();
      });
    },
  };
}

// Imported after prepare.mjs, which installs it when missing.
const { createServer } = await import('vite');
const port = Number(process.env.PORT || '5173');
const server = await createServer({
  configFile: join(ROOT, 'web', 'site', 'vite.config.ts'),
  plugins: [folderIndex()],
  server: { host: '127.0.0.1', port, strictPort: true },
});
await server.listen();
server.printUrls();
