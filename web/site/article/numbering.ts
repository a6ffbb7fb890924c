// Numbers that must stay right while sections are added: citations and figure references.
// The bibliography is an <ol>, so without JavaScript its entries carry their numbers in list
// order; each in-text citation `<a class="cite" href="#ref-…">` is rewritten here to its entry's
// number, and each `<a data-figref href="#…">` to "Figure N", N being the figure's place among
// the article's `figure.widget`s in document order (the same order the CSS counter on the
// captions follows). Without JavaScript the links still lead to the entry or figure, and
// tests/site/article-numbering.test.mjs checks that the static HTML's numbers are already right.
import './numbering.css';

/** The article's numbered figures, in document order. */
export const FIGURE_SELECTOR = 'main figure.widget';

/** Rewrites every citation's text to its bibliography number; returns ids cited but missing. */
export function numberCitations(doc: Document): string[] {
  const entries = [...doc.querySelectorAll<HTMLElement>('#references [data-testid="reference"]')];
  const index = new Map(entries.map((e, i) => [e.id, i + 1]));
  const missing: string[] = [];
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a.cite')) {
    const id = decodeURIComponent(a.hash.slice(1));
    const n = index.get(id);
    if (n === undefined) missing.push(id);
    else a.textContent = `[${n}]`;
  }
  return missing;
}

/** Rewrites every figure reference's text to "Figure N"; returns targets that are not figures. */
export function numberFigureRefs(doc: Document): string[] {
  const figures = [...doc.querySelectorAll<HTMLElement>(FIGURE_SELECTOR)];
  const missing: string[] = [];
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a[data-figref]')) {
    const id = decodeURIComponent(a.hash.slice(1));
    const target = doc.getElementById(id);
    const figure = target?.closest<HTMLElement>(FIGURE_SELECTOR) ?? null;
    const n = figure ? figures.indexOf(figure) + 1 : 0;
    if (n === 0) missing.push(id);
    else a.textContent = `Figure ${n}`;
  }
  return missing;
}

/** Both, warning (not failing) about links that lead nowhere. */
export function numberArticle(doc: Document): void {
  const missing = [...numberCitations(doc), ...numberFigureRefs(doc)];
  if (missing.length) console.warn(`article: links to no reference or figure: ${missing.join(', ')}`);
}
