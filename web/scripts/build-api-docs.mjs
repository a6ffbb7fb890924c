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
// Markdown tables with aligned columns come out as style attributes; web/site/api-docs/custom.css
// (TypeDoc's customCss) has the classes that replace them.
const ALIGN = /style="text-align:(left|center|right)"/g;
let moved = 0;
for (const file of readdirSync(OUT, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.html')) continue;
  const path = join(OUT, file);
  let html = readFileSync(path, 'utf8').replace(ALIGN, 'class="md-align-$1"');
  const match = INLINE.exec(html);
  if (match) {
    writeFileSync(join(OUT, 'assets', 'inline-init.js'), `${match[1]}\n`);
    const depth = file.split('/').length - 1;
    html = html.replace(INLINE, `<script src="${'../'.repeat(depth)}assets/inline-init.js"></script>`);
    moved++;
  }
  if (/ style="/.test(html)) throw new Error(`${file} still has an inline style attribute; extend ${import.meta.url}`);
  writeFileSync(path, html);
}
// TypeDoc's main.js keeps its filter rules in a <style> element it writes into, which
// style-src 'self' blocks; give it a constructable stylesheet (allowed) with the same
// `innerHTML +=` interface. Fail loudly if a TypeDoc upgrade changes the code.
const MAIN = join(OUT, 'assets', 'main.js');
const STYLE_ELEMENT = 'document.head.appendChild(document.createElement("style"))';
const SHEET =
  '(()=>{const s=new CSSStyleSheet();document.adoptedStyleSheets=[...document.adoptedStyleSheets,s];let css="";' +
  'return{dataset:{},get innerHTML(){return css},set innerHTML(v){css=v;s.replaceSync(v)}}})()';
const main = readFileSync(MAIN, 'utf8');
if (main.split(STYLE_ELEMENT).length !== 2) {
  throw new Error(`TypeDoc's main.js no longer creates exactly one <style> element; update ${import.meta.url}`);
}
writeFileSync(MAIN, main.replace(STYLE_ELEMENT, SHEET));

// Its stylesheet draws the external-link icon from data: URIs, which img-src 'self' (through
// default-src) blocks; the same SVGs become files next to the stylesheet.
const STYLE = join(OUT, 'assets', 'style.css');
let icons = 0;
const css = readFileSync(STYLE, 'utf8').replace(/url\("data:image\/svg\+xml;utf8,(<svg[^"]*)"\)/g, (_, svgText) => {
  const file = `data-icon-${++icons}.svg`;
  writeFileSync(join(OUT, 'assets', file), decodeURIComponent(svgText));
  return `url("${file}")`;
});
if (css.includes('data:'))
  throw new Error(`TypeDoc's style.css has a data: URI this script does not handle; extend ${import.meta.url}`);
writeFileSync(STYLE, css);
console.log(
  `API reference: ${OUT} (${moved} pages; inline script, style element and ${icons} data: icons made CSP-safe)`,
);
