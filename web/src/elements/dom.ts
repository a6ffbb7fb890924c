// What the elements share beyond relu-wasm/ui (whose DOM builder and formatters they use):
// a base class that imports in Node, and the event helper.
/**
 * HTMLElement, or a stand-in outside browsers, so importing the elements in Node (server-side
 * rendering, tests, a bundler's pre-pass) does not throw; register.ts defines them only where
 * `customElements` exists.
 */
export const ElementBase: typeof HTMLElement = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/** Fires a bubbling, composed CustomEvent (it crosses the shadow boundary to the page). */
export function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
