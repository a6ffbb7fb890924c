// A small seeded generator (mulberry32) and a normal transform, so every dataset and demo
// reproduces from its seed on every machine.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normal sample with the given mean and variance (Box-Muller). */
export function normal(random: Random, mean = 0, variance = 1): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return mean + Math.sqrt(variance) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function uniform(random: Random, a: number, b: number): number {
  return a + random() * (b - a);
}
