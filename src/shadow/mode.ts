import type { Policy } from "../policies/index.js";

/** A scope as the graph plans it. */
export interface Scope {
  category: string;
  market: string;
}

// Names compared the way people write them: case, width and spacing never decide.
const norm = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toUpperCase();

/** Whether a scope is in shadow mode: every scope with `all` or `force`, else the listed ones. */
export function inShadow(shadow: Policy["shadow"], scope: Scope, force = false): boolean {
  if (force || shadow.all) return true;
  const cats = shadow.categories.map(norm);
  const markets = shadow.markets.map(norm);
  if (cats.length === 0 && markets.length === 0) return false;
  const catOk = cats.length === 0 || cats.includes(norm(scope.category));
  const marketOk = markets.length === 0 || markets.includes(norm(scope.market));
  return catOk && marketOk;
}
