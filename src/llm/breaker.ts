import type { Clock } from "../domain/clock.js";

/** Settings of the circuit breaker in front of the LLM. */
export interface BreakerOptions {
  /** Consecutive failed decisions that open the circuit (default 3). */
  failures?: number;
  /** How long an open circuit skips the LLM (default 5 minutes). */
  coolDownMs?: number;
  clock: Clock;
}

/** What the breaker let a decision do, recorded with it. */
export type BreakerVerdict =
  | { call: true; state: "closed" | "half-open" }
  | { call: false; state: "open"; until: string; reason: string };

/** A circuit breaker: after repeated failures the LLM is skipped for a cooling period. */
export interface CircuitBreaker {
  /** Whether this decision may call the LLM (half-open lets one trial through after the cool-down). */
  check(): BreakerVerdict;
  /** The decision's LLM call succeeded: the circuit closes. */
  succeeded(): void;
  /** The decision's LLM call failed (after its retries); returns whether the circuit is now open. */
  failed(reason: string): boolean;
}

/**
 * Creates a breaker. Its state lives in the object (one per reasoner), never in the module.
 * @example const b = createCircuitBreaker({ clock: systemClock() }); if (b.check().call) ...
 */
export function createCircuitBreaker(o: BreakerOptions): CircuitBreaker {
  const threshold = o.failures ?? 3;
  const coolDownMs = o.coolDownMs ?? 5 * 60_000;
  let consecutive = 0;
  let openUntil = 0;
  let lastReason = "";
  return {
    check() {
      if (consecutive < threshold) return { call: true, state: "closed" };
      const now = o.clock.now().getTime();
      if (now >= openUntil) return { call: true, state: "half-open" };
      const until = new Date(openUntil).toISOString();
      return {
        call: false,
        state: "open",
        until,
        reason: `circuit open until ${until} after ${consecutive} failed LLM decisions in a row (last: ${lastReason})`,
      };
    },
    succeeded() {
      consecutive = 0;
      openUntil = 0;
    },
    failed(reason) {
      consecutive++;
      lastReason = reason;
      if (consecutive < threshold) return false;
      openUntil = o.clock.now().getTime() + coolDownMs;
      return true;
    },
  };
}
