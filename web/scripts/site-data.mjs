// The site's data files (Fashion-MNIST, converted by build-fashion-mnist.mjs into
// build/site-data/): a Vite plugin that serves them under data/ in development and copies
// them into the built site (dist-site/data/), so they are never in git or the npm package.
// Missing files are simply absent (404): the page says how to get them.
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITE_DATA_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), 'build', 'site-data');

const TYPES = { '.json': 'application/json', '.gz': 'application/gzip' };

/** @returns {import('vite').Plugin} */
export function siteData() {
  return {
    name: 'relu-wasm-site-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (!path.startsWith('/data/')) return next();
        const file = normalize(join(SITE_DATA_DIR, path.slice('/data/'.length)));
        if (!file.startsWith(SITE_DATA_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.end('not found: run `node web/scripts/build-fashion-mnist.mjs` (see README, "Train on real data")');
          return;
        }
        const ext = Object.keys(TYPES).find((e) => file.endsWith(e));
        res.setHeader('Content-Type', ext ? TYPES[ext] : 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        createReadStream(file).pipe(res);
      });
    },
    writeBundle(options) {
      if (existsSync(SITE_DATA_DIR) && options.dir)
        cpSync(SITE_DATA_DIR, join(options.dir, 'data'), { recursive: true });
    },
  };
}
