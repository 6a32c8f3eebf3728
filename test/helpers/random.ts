// A seeded random generator for soaks and fuzz tests: the same seed gives the same run, so a failure can be repeated.

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** An integer in 0 … n − 1. */
export const int = (r: Random, n: number): number => Math.floor(r() * n);

export function pick<T>(r: Random, items: readonly T[]): T {
  return items[int(r, items.length)]!;
}
