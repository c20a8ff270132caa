import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import {
  defaultPolicyPath,
  loadPolicy,
  validatePolicy,
  type LoadedPolicy,
} from "../policies/index.js";
import type { MarketWorld } from "../sim/market/index.js";
import { DEFAULT_PILOT_SCOPE } from "./options.js";

/** The policy a pilot shadow run plans under, and its text for tune's proposed diff. */
export interface ShadowPilotPolicy {
  loaded: LoadedPolicy;
  /** The policy file's text with every world category listed under `shadow.categories`. */
  text: string;
  file: string;
}

/**
 * The given (or shipped) policy with every category of the world in shadow, so tune can propose
 * taking one out, and the pilot scope widened to every scope: in shadow nothing launches, and a
 * scope outside the pilot would only record "blocked" instead of a plan.
 */
export function shadowPilotPolicy(path: string | undefined, world: MarketWorld): ShadowPilotPolicy {
  const file = path ?? defaultPolicyPath();
  loadPolicy(file); // a bad file fails here, naming itself and the field
  const doc = parseDocument(readFileSync(file, "utf8"));
  const categories = doc.createNode(world.spec.categories.map((c) => c.name));
  // Flow style: tune's proposal edits the `categories: [...]` line in place.
  categories.flow = true;
  doc.setIn(["shadow", "all"], false);
  doc.setIn(["shadow", "categories"], categories);
  doc.setIn(["shadow", "markets"], doc.createNode([]));
  const text = doc.toString({ lineWidth: 0 });
  const edited = validatePolicy(doc.toJS(), `${file} (shadow pilot)`);
  const pilot = {
    categories: world.spec.categories.map((c) => c.name),
    markets: world.spec.markets.map((m) => m.id),
    mechanics: DEFAULT_PILOT_SCOPE.mechanics,
    channels: DEFAULT_PILOT_SCOPE.channels,
  };
  const loaded = validatePolicy({ ...edited.policy, pilot }, edited.source);
  return { loaded, text, file };
}
