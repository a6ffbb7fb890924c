// Sideways scrolling that the reader can see: any `.scroll-x` element (code blocks, the
// benchmark table) scrolls inside itself instead of widening the page, shows shadow edges on
// the side that has more (pure CSS, so also without JavaScript), and, while its content is
// wider than it, a "scroll →" hint below it. Each one is focusable (tabindex 0) and named, so
// the keyboard can scroll it too.
import { el } from 'relu-wasm/ui';

import './scroll-box.css';

const hint = (): HTMLElement => el('p', { class: 'scroll-hint', 'aria-hidden': 'true', hidden: true }, 'scroll →');

/** `content` in a named, focusable sideways scroller, followed by its hint. */
export function scrollBox(content: Node, label: string, testid?: string): HTMLElement {
  const box = el(
    'div',
    { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': label, 'data-testid': testid },
    content,
  );
  const wrap = el('div', { class: 'scroll-wrap' }, box, hint());
  watch(box);
  return wrap;
}

const observed = new WeakSet<Element>();
const observer =
  typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => entries.forEach((e) => sync(e.target as HTMLElement)))
    : undefined;

function sync(box: HTMLElement): void {
  const over = box.scrollWidth > box.clientWidth + 1;
  box.dataset.overflow = String(over);
  const hint = box.nextElementSibling;
  if (hint instanceof HTMLElement && hint.classList.contains('scroll-hint')) hint.hidden = !over;
}

function watch(box: HTMLElement): void {
  if (observed.has(box)) return;
  observed.add(box);
  if (!(box.nextElementSibling instanceof HTMLElement && box.nextElementSibling.classList.contains('scroll-hint')))
    box.after(hint());
  observer?.observe(box);
  // The content may grow without the box resizing (a table filled in later).
  for (const child of box.children) observer?.observe(child);
  sync(box);
}

/** Watches every `.scroll-x` in `root` (the static code blocks). */
export function watchScrollBoxes(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('.scroll-x').forEach(watch);
}
