// Shadow-root styling that a strict CSP (`style-src 'self'`) allows: a constructable
// stylesheet (`new CSSStyleSheet()` + `replaceSync`) is CSSOM, which style-src does not govern,
// unlike a <style> element or a style attribute. Verified in tests/e2e/elements.spec.ts
// under the CSP header. One sheet per element class is shared by all its instances.
const sheets = new Map<string, CSSStyleSheet>();

export function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  // Engines without constructable stylesheets (Safari < 16.4): a <style> element, which works
  // on pages without a strict CSP.
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

/** Colours and type shared by both elements; each can be themed through these custom properties. */
export const BASE_CSS = `
:host {
  --relu-ink: #1b1f24;
  --relu-muted: #56606b;
  --relu-panel: #fdfcf8;
  --relu-rule: #d6d2c6;
  --relu-accent: #1d3557;
  --relu-f: #1d3557;
  --relu-df: #c2410c;
  --relu-warn: #9b2226;
  display: block;
  color: var(--relu-ink);
  font: 14px/1.4 system-ui, sans-serif;
}
:host([hidden]) { display: none; }
.note { margin: 0.4rem 0 0; color: var(--relu-warn); font-size: 0.85rem; }
.note[hidden] { display: none; }
.error { margin: 0.4rem 0 0; color: var(--relu-warn); }
.error:empty { display: none; }
`;
