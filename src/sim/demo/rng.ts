import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** FNV-1a over the seed and labels: a stable 32-bit seed per named stream. */
function hashSeed(seed: number, labels: readonly (string | number)[]): number {
  const text = `${seed}|${labels.join("|")}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * A seeded random stream. Each part of the generator takes its own stream via `Rng.of(seed, ...labels)`,
 * so adding a draw in one place never shifts the numbers drawn anywhere else.
 */
export class Rng {
  private readonly gen: RandomGenerator;
  private spare: number | undefined;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** An independent stream for one named purpose (e.g. `Rng.of(seed, "sales", market, sku)`). */
  static of(seed: number, ...labels: (string | number)[]): Rng {
    return new Rng(hashSeed(seed, labels));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform in [a, b). */
  between(a: number, b: number): number {
    return a + (b - a) * this.float();
  }

  /** Uniform integer in [a, b], both included. */
  int(a: number, b: number): number {
    return a + Math.floor(this.float() * (b - a + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal (Box–Muller, keeping the second value for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Multiplicative noise with mean 1 and log-scale standard deviation `sd`. */
  lognormal(sd: number): number {
    return Math.exp(sd * this.normal() - (sd * sd) / 2);
  }

  /** One element, uniformly. */
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.float() * xs.length)];
    if (x === undefined) throw new RangeError("pick from an empty list");
    return x;
  }

  /** `k` distinct elements in random order (partial Fisher–Yates on a copy). */
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = [...xs];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
}
