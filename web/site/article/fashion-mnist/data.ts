// Where the site serves Fashion-MNIST (web/scripts/site-data.mjs makes the files from the
// Debian package), its manifest, when a figure starts loading it, and what the reader is told
// when the files are not there. Shared by the images section and the CNN figure.
import type { ImageSetManifest, ImageSetPart } from 'relu-wasm/datasets';

/** Where the site serves the converted files. */
export const DATA_DIR = 'data/fashion-mnist/';
/** A figure starts loading when it comes this close to the viewport. */
const MARGIN = '600px 0px';

export const sumBytes = (parts: readonly ImageSetPart[]): number => parts.reduce((n, p) => n + p.bytes, 0);
export const thousands = (n: number): string => n.toLocaleString('en-US').replace(/,/g, '\u2009');

/** The manifest under `base` (the URL of DATA_DIR). */
export async function fetchManifest(base: URL): Promise<ImageSetManifest> {
  const response = await fetch(new URL('manifest.json', base));
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${DATA_DIR}manifest.json`);
  return (await response.json()) as ImageSetManifest;
}

/** Calls `then` once, when `observed` comes within MARGIN of the viewport. */
export function whenNear(observed: Element, then: () => void): void {
  if (typeof IntersectionObserver !== 'function') return;
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      then();
    },
    { rootMargin: MARGIN },
  );
  observer.observe(observed);
}

/** Why the files could not be fetched and how to get them; `last`: the closing sentence. */
export function missingDataMessage(error: unknown, last: string): string {
  const why = error instanceof Error ? error.message : String(error);
  return (
    `The Fashion-MNIST files could not be fetched (${why}). The site's build makes them from the ` +
    'Debian package: install it with “apt-get install dataset-fashion-mnist”, then rebuild the site ' +
    `(“npm run build”, or restart “npm start”). ${last}`
  );
}
