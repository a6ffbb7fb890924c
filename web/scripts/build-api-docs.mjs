// The API reference: TypeDoc over the package's public entry point, written into the site's
// public folder so it is served at /api/ by `npm start` and copied into dist-site/api/.
// TypeDoc puts one inline <script> in every page; a strict CSP (script-src 'self') blocks
// inline scripts, so it is moved into a file of its own.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, run } from './tools.mjs';

const OUT = join(ROOT, 'web', 'site', 'public', 'api');
run('npx', ['typedoc', '--logLevel', 'Warn']);

const INLINE = /<script>([^<]*)<\/script>/;
let moved = 0;
for (const file of readdirSync(OUT, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.html')) continue;
  const path = join(OUT, file);
  const html = readFileSync(path, 'utf8');
  const match = INLINE.exec(html);
  if (!match) continue;
  writeFileSync(join(OUT, 'assets', 'inline-init.js'), `${match[1]}\n`);
  const depth = file.split('/').length - 1;
  const src = `${'../'.repeat(depth)}assets/inline-init.js`;
  writeFileSync(path, html.replace(INLINE, `<script src="${src}"></script>`));
  moved++;
}
console.log(`API reference: ${OUT} (${moved} pages, inline script moved to assets/inline-init.js)`);
