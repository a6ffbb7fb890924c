// The static site: the article, the playground, the API reference and self-check pages. It
// imports relu-wasm exactly as a user's app would; the aliases point at the package as built
// into dist/.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

import { siteData } from '../scripts/site-data.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

// Every .html page under web/site (the article, the playground, the self-check pages) is an entry.
function htmlPages(): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.html') && !file.startsWith('public')) pages[file.replace(/\.html$/, '')] = `${root}${file}`;
  }
  return pages;
}

/** The policy every built page carries (and the tests enforce): no inline code or style, WASM allowed. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// Built pages carry their CSP in a <meta> tag, so it holds on any static host. Only at build
// time: Vite's dev server injects inline styles and scripts for hot reloading.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'relu-wasm-csp',
    transformIndexHtml: (_html, context) =>
      context.server
        ? []
        : [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
              injectTo: 'head-prepend',
            },
          ],
    // The preview server (the tests' server) also sends it as a header for every file, as
    // a host would; that covers the API reference, which Vite copies untouched.
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  // siteData: the converted Fashion-MNIST files under data/ (web/scripts/site-data.mjs).
  plugins: [contentSecurityPolicy(), siteData()],
  base: './',
  resolve: {
    // The more specific entries first: an alias matches as a prefix, so 'relu-wasm' alone would
    // turn 'relu-wasm/elements' into 'dist/index.js/elements'.
    alias: [
      { find: 'relu-wasm/elements', replacement: `${repo}dist/elements/register.js` },
      { find: 'relu-wasm/datasets', replacement: `${repo}dist/datasets/index.js` },
      { find: 'relu-wasm/ui', replacement: `${repo}dist/ui/index.js` },
      { find: 'relu-wasm', replacement: `${repo}dist/index.js` },
    ],
  },
  build: {
    // SITE_OUT_DIR lets parallel builds (or a second checkout) write elsewhere.
    outDir: process.env.SITE_OUT_DIR ?? `${repo}dist-site`,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: htmlPages() },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
