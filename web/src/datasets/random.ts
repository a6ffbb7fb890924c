// The JavaScript side's seeded generator (mulberry32: 32 bits of state, a period of 2^32, a few
// integer operations per number) and the two distributions the datasets draw from. Integer
// arithmetic through Math.imul and >>> 0, so every engine gives the same numbers. (The engine
// seeds its weights and minibatch order with its own PCG32, cpp/nn/prng.h.)
import { checkCount } from '../checks.js';

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/**
 * A seeded generator of uniform numbers in [0, 1) (mulberry32). The same seed gives the same
 * sequence on every machine and in every JavaScript engine.
 *
 * @param seed - An unsigned 32-bit integer (0 to 4294967295).
 * @throws TypeError if `seed` is not a number; RangeError if it is not such an integer.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // the same first number everywhere
 * ```
 */
export function seededRandom(seed: number): Random {
  let a = checkCount(seed, 'seed', 0xffffffff);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform sample in [a, b): draws one number from `random`. */
export function uniform(random: Random, a: number, b: number): number {
  return a + random() * (b - a);
}

/**
 * A normal sample with the given mean and variance (Box-Muller): draws two numbers from
 * `random`. Note the second parameter is the variance, not the standard deviation, as in
 * TensorFlow Playground.
 */
export function normal(random: Random, mean = 0, variance = 1): number {
  // Clamped away from 0 so the log stays finite.
  const u = Math.max(random(), 1e-12);
  const v = random();
  return mean + Math.sqrt(variance) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
