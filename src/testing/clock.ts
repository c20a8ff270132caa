import type { Clock } from "../domain/index.js";

/** A clock a test moves by hand: starts at `iso`, advances only when told. */
export function steppingClock(iso: string): Clock & { advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}
