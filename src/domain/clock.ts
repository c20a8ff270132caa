/** Where governance code reads the time; tests and simulations pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export function systemClock(): Clock {
  return { now: () => new Date() };
}

/** A clock stuck at `iso` (handy in tests and replays). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}
