// A dataset's point, its coordinate range, and the tensors the engine trains on.

/**
 * Coordinates of every dataset span [-DOMAIN, DOMAIN] on both axes (noise can push a few
 * points past the edge), as in TensorFlow Playground. The network takes them divided by
 * DOMAIN, in about [-1, 1].
 */
export const DOMAIN = 6;

/** One point of a 2-D dataset, in dataset coordinates. */
export interface Point {
  /** First coordinate, in about [-DOMAIN, DOMAIN]. */
  x1: number;
  /** Second coordinate, in about [-DOMAIN, DOMAIN]. */
  x2: number;
  /** Class index (0, 1, ... classes - 1) for classification, the target value for regression. */
  y: number;
}

/**
 * Points as the engine takes them: `X` [rows][2] row-major, each coordinate divided by
 * {@link DOMAIN}; `Y` [rows], the labels or targets. Both float32.
 */
export function toTensors(points: readonly Point[]): { X: Float32Array; Y: Float32Array } {
  const X = new Float32Array(points.length * 2);
  const Y = new Float32Array(points.length);
  points.forEach((p, i) => {
    X[2 * i] = p.x1 / DOMAIN;
    X[2 * i + 1] = p.x2 / DOMAIN;
    Y[i] = p.y;
  });
  return { X, Y };
}
