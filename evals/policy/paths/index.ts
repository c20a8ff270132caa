import { editCases } from "./edits.js";
import type { PathCase } from "./types.js";
import { voteCases } from "./votes.js";

/** Every case run through the approval and edit paths. */
export function pathCases(): PathCase[] {
  return [...voteCases(), ...editCases()];
}
