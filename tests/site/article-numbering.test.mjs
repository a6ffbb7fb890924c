// The article's static numbers, checked in the HTML as written (what a reader without
// JavaScript sees): every citation links to a bibliography entry and shows that entry's place
// in the list, every "Figure N" link shows its figure's place among the article's figures, and
// the bibliography's entries are well formed. The page's script (web/site/article/numbering.ts)
// rewrites the same numbers at load, so a wrong number here is only wrong without JavaScript,
// but this test says which one to fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const html = readFileSync(new URL('../../web/site/index.html', import.meta.url), 'utf8');
const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const refsAt = main.indexOf('<section id="references"');

test('the bibliography is an ordered list of entries with ids, after every other section', () => {
  assert.ok(refsAt > 0, 'no <section id="references">');
  assert.ok(!/<section /.test(main.slice(refsAt + 10)), 'a section follows the references');
  const list = main.slice(refsAt).match(/<ol class="references">[\s\S]*?<\/ol>/);
  assert.ok(list, 'the bibliography is not an <ol class="references">');
  const entries = [...list[0].matchAll(/<li ([^>]*)>/g)].map((m) => m[1]);
  assert.ok(entries.length >= 11);
  for (const attrs of entries) {
    assert.match(attrs, /data-testid="reference"/);
    assert.match(attrs, /id="ref-[a-z0-9-]+"/);
  }
  assert.match(html, /<a href="#references">References<\/a>/, 'not in the contents');
});

test('every citation links to an entry and shows its number', () => {
  const ids = [...main.slice(refsAt).matchAll(/<li id="(ref-[^"]+)" data-testid="reference"/g)].map((m) => m[1]);
  const cites = [...main.matchAll(/<a href="#(ref-[^"]+)" class="cite">\[(\d+)\]<\/a>/g)];
  assert.ok(cites.length >= 10, `only ${cites.length} citations`);
  const all = [...main.matchAll(/class="cite"/g)].length;
  assert.equal(cites.length, all, 'a citation is not written as <a href="#ref-…" class="cite">[n]</a>');
  for (const [, id, n] of cites) {
    assert.ok(ids.includes(id), `cited ${id} is not in the bibliography`);
    assert.equal(Number(n), ids.indexOf(id) + 1, `${id} is entry ${ids.indexOf(id) + 1}, cited as [${n}]`);
  }
  for (const id of ['ref-nair2010', 'ref-glorot2011', 'ref-maas2013', 'ref-he2015', 'ref-lu2019', 'ref-pytorch'])
    assert.ok(
      cites.some((c) => c[1] === id),
      `${id} is never cited`,
    );
});

test('every figure reference shows its figure number', () => {
  // The numbered figures, in document order, as the CSS counter and numbering.ts count them.
  const figures = [...main.matchAll(/<figure [^>]*class="widget"[^>]*>/g)].map((m) => m[0].match(/id="([^"]+)"/)?.[1]);
  const refs = [...main.matchAll(/<a href="#([^"]+)" data-figref>Figure (\d+)<\/a>/g)];
  assert.equal(refs.length, [...main.matchAll(/data-figref/g)].length, 'a figure reference is malformed');
  for (const [, id, n] of refs) {
    assert.ok(figures.includes(id), `#${id} is not a figure`);
    assert.equal(Number(n), figures.indexOf(id) + 1, `#${id} is Figure ${figures.indexOf(id) + 1}, written ${n}`);
  }
});
