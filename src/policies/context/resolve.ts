import type { PromotionProposal } from "../../domain/proposal.js";
import { idKey } from "../normalise.js";
import type { ReferenceFacts } from "./facts.js";

/**
 * Turns the proposal's identifiers into the store's: markets, category, SKUs (through their
 * aliases), locations and the price-matched competitor are matched after normalisation, and
 * each one the store does not know, or knows differently (a SKU of another category, a store
 * of another market), is a problem the identifier rule refuses. Rules then see store ids only.
 */

export interface Resolution {
  proposal: PromotionProposal;
  problems: string[];
}

function index(ids: Iterable<string>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const id of ids) m.set(idKey(id), [...(m.get(idKey(id)) ?? []), id]);
  return m;
}

function lookup(name: string, idx: Map<string, string[]>): string | undefined {
  const hits = idx.get(idKey(name)) ?? [];
  return hits.includes(name) ? name : hits.length === 1 ? hits[0] : undefined;
}

const shown = (raw: string) => JSON.stringify(raw);

/** Resolves every identifier of `p` against `facts`; unknown ones are kept as given and listed. */
export function resolveIdentifiers(p: PromotionProposal, facts: ReferenceFacts): Resolution {
  const problems: string[] = [];
  const markets = index(facts.markets.keys());
  const skus = index(facts.products.keys());
  const aliases = index(facts.aliases.keys());
  const categories = index(facts.categories);
  const locations = index(facts.locations.keys());

  const mkt = p.scope.markets.map(
    (m) => lookup(m, markets) ?? (problems.push(`unknown market ${shown(m)}`), m),
  );
  const skuOf = (s: string): string => {
    const direct = lookup(s, skus);
    if (direct) return direct;
    const alias = lookup(s, aliases);
    if (alias) return facts.aliases.get(alias)!;
    problems.push(`unknown SKU ${shown(s)}`);
    return s;
  };
  const skuMap = new Map(p.scope.skus.map((s) => [s, skuOf(s)]));
  const resolved = [...skuMap.values()];
  const twice = resolved.filter((s, i) => resolved.indexOf(s) !== i);
  for (const s of new Set(twice)) {
    const names = [...skuMap].filter(([, v]) => v === s).map(([k]) => shown(k));
    problems.push(`SKU ${s} listed more than once (as ${names.join(", ")})`);
  }
  const category = lookup(p.scope.category, categories);
  if (!category) problems.push(`unknown category ${shown(p.scope.category)}`);
  for (const [given, sku] of skuMap) {
    const real = facts.products.get(sku)?.category;
    if (real !== undefined && category !== undefined && real !== category) {
      problems.push(
        `SKU ${sku}${given !== sku ? ` (given as ${shown(given)})` : ""} is in category ${real}, not ${category}`,
      );
    }
  }
  const locs = p.scope.locations?.map((l) => {
    const id = lookup(l, locations);
    if (!id) return (problems.push(`unknown location ${shown(l)}`), l);
    const market = facts.locations.get(id)!.marketId;
    if (!mkt.includes(market))
      problems.push(`location ${id} is in market ${market}, not in ${mkt.join(", ")}`);
    return id;
  });
  let priceMatch = p.priceMatch;
  if (priceMatch) {
    const c = lookup(priceMatch.competitor, index(facts.competitors));
    if (!c) problems.push(`unknown competitor ${shown(priceMatch.competitor)}`);
    priceMatch = { ...priceMatch, competitor: c ?? priceMatch.competitor };
  }
  const units = p.predicted.unitsBySku;
  const unitsBySku = units
    ? Object.fromEntries(Object.entries(units).map(([k, v]) => [skuMap.get(k) ?? k, v]))
    : undefined;
  const proposal: PromotionProposal = {
    ...p,
    scope: {
      ...p.scope,
      skus: [...new Set(resolved)],
      category: category ?? p.scope.category,
      markets: [...new Set(mkt)],
      ...(locs ? { locations: [...new Set(locs)] } : {}),
    },
    ...(priceMatch ? { priceMatch } : {}),
    predicted: { ...p.predicted, ...(unitsBySku ? { unitsBySku } : {}) },
  };
  return { proposal, problems };
}
