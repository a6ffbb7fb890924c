// The seeded train/test split of the playground.
import { checkCount, checkFiniteNumber, describe } from '../checks.js';
import type { Point } from './points.js';
import { seededRandom } from './random.js';

/**
 * Shuffles a copy of `points` (Fisher-Yates, seeded) and cuts it in two: the first
 * round(rows * percTrain / 100) for training, the rest for testing. The same points, percentage
 * and seed give the same split everywhere.
 *
 * @param points - The points to split (not modified).
 * @param percTrain - Percentage of points for training, 0 to 100.
 * @param seed - An unsigned 32-bit integer. The shuffle uses its own stream, so passing the
 *   dataset's seed is fine.
 * @throws TypeError or RangeError naming the argument that is wrong.
 */
export function splitTrainTest(
  points: readonly Point[],
  percTrain: number,
  seed: number,
): { train: Point[]; test: Point[] } {
  if (!Array.isArray(points)) throw new TypeError(`points must be an array of points, got ${describe(points)}`);
  const perc = checkFiniteNumber(percTrain, 'percTrain');
  if (perc < 0 || perc > 100) throw new RangeError(`percTrain must be in [0, 100], got ${perc}`);
  checkCount(seed, 'seed', 0xffffffff);
  const shuffled = [...points];
  // Another stream than the dataset's own, so the shuffle does not replay its draws.
  const random = seededRandom((seed ^ 0x9e3779b9) >>> 0);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cut = Math.round((shuffled.length * perc) / 100);
  return { train: shuffled.slice(0, cut), test: shuffled.slice(cut) };
}
