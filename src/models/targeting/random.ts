import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A uniform [0, 1) source; injected wherever randomness is used so runs are reproducible. */
export type Uniform = () => number;

/** A seeded uniform stream (pure-rand xoroshiro128+); each purpose should take its own seed. */
export function seededUniform(seed: number): Uniform {
  const gen = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(gen);
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, u: Uniform): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
