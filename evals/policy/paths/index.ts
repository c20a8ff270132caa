import { writtenCases } from "../adversarial/run.js";
import { editCases } from "./edits.js";
import type { PathCase } from "./types.js";
import { voteCases } from "./votes.js";

/** Every case run through the approval, edit and `policy check` paths, and what to clean up after. */
export function pathCases(): { cases: PathCase[]; dispose(): void } {
  const written = writtenCases();
  return { cases: [...voteCases(), ...editCases(), ...written.cases], dispose: written.dispose };
}
