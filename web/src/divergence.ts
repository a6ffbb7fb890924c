// The one rule for "training has diverged", used by every UI (playground, elements, article
// demos) so that they agree on when to stop. Relative to the run's own first loss, because an
// absolute threshold stops regressions on large targets before they train at all.

/** A run has diverged once its loss exceeds this many times its own first loss. */
export const DIVERGENCE_FACTOR = 1000;

/**
 * True when `loss` shows a diverged run: it is not finite (NaN or infinite, which is also how
 * `train()` reports a step that blew up), or it is more than {@link DIVERGENCE_FACTOR} times
 * `firstLoss`, the loss the same run reported first. A first loss of 0 (or one that is not
 * finite) leaves only the non-finite test, since no ratio to it means anything.
 */
export function hasDiverged(loss: number, firstLoss: number): boolean {
  if (!Number.isFinite(loss)) return true;
  if (!(Number.isFinite(firstLoss) && firstLoss > 0)) return false;
  return loss > DIVERGENCE_FACTOR * firstLoss;
}
