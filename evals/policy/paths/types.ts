/**
 * A case run through a real path (HTTP app, CLI) rather than `checkProposal`: it reports whether
 * the action it attempts went through. Out-of-bounds cases must be refused (else a bypass),
 * in-bounds cases must go through (else a false alarm); a throw or an HTTP 500 is a crash.
 */
export interface PathCase {
  id: string;
  /** The issue #25 family it belongs to. */
  family: string;
  bounds: "in" | "out";
  note: string;
  run(): Promise<PathOutcome>;
}

/** `through`: the attempted action took effect; `detail` says what each step answered. */
export interface PathOutcome {
  through: boolean;
  detail: string;
  /** Set when a step answered 500 or threw where it should have answered. */
  crash?: string;
}
