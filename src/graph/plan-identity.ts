import type { PromotionProposal } from "../domain/proposal.js";
import { proposalSpend } from "../domain/proposal.js";
import type { RequiredApprovals } from "../policies/index.js";

/**
 * What a plan asks people to approve, in a canonical form: the action (SKUs, markets,
 * locations, mechanic and its terms, depth, price, weeks and dates, channels, audience, spend,
 * currency), never its id, title or predictions. Two runs that reach the same action on the
 * same scope ask one approval, whatever their decision ids.
 */
export interface PlanIdentity {
  skus: string[];
  category: string;
  markets: string[];
  locations: string[] | null;
  mechanic: string;
  terms: Record<string, number> | null;
  currency: string | null;
  regularPrice: number;
  promoPrice: number;
  discountPct: number;
  referencePrice: number | null;
  startDate: string;
  weeks: number;
  channels: string[];
  spend: number;
  priceMatch: string | null;
  audience: { attributes: string[]; consentChannels: string[]; contactsPerWeek: number } | null;
}

const cents = (n: number) => Math.round(n * 100) / 100;
const sorted = (a: readonly string[]) => [...a].sort();

/** The canonical action of a proposal (money to the cent, depth to 0.01 point). */
export function planIdentity(p: PromotionProposal): PlanIdentity {
  const t = p.targeting;
  return {
    skus: sorted(p.scope.skus),
    category: p.scope.category,
    markets: sorted(p.scope.markets),
    locations: p.scope.locations ? sorted(p.scope.locations) : null,
    mechanic: p.mechanic,
    terms: p.terms ? sortedNumbers(p.terms) : null,
    currency: p.currency ?? null,
    regularPrice: cents(p.regularPrice),
    promoPrice: cents(p.promoPrice),
    discountPct: cents(p.discountPct),
    referencePrice: p.referencePrice === undefined ? null : cents(p.referencePrice),
    startDate: p.startDate,
    weeks: p.weeks,
    channels: sorted(p.channels),
    spend: cents(proposalSpend(p)),
    priceMatch: p.priceMatch?.competitor ?? null,
    audience: t
      ? {
          attributes: sorted(t.audienceAttributes),
          consentChannels: sorted(t.consentVerifiedChannels),
          contactsPerWeek: t.contactsPerShopperPerWeek,
        }
      : null,
  };
}

function sortedNumbers(o: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * The fields in which two plans differ, as `field: before → after` (empty: the same plan).
 * @example planDifferences(a, b) // ["discountPct: 20 → 25", "spend: 1200 → 1500"]
 */
export function planDifferences(before: PromotionProposal, after: PromotionProposal): string[] {
  const a = planIdentity(before);
  const b = planIdentity(after);
  const out: string[] = [];
  for (const key of Object.keys(a) as (keyof PlanIdentity)[]) {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    if (x !== y) out.push(`${key}: ${x} → ${y}`);
  }
  return out;
}

/** The approvals asked, order aside: a request joins only if people are asked the same. */
export function approvalsDiffer(a: RequiredApprovals, b: RequiredApprovals): boolean {
  const key = (r: RequiredApprovals) =>
    JSON.stringify([sorted(r.allOf), r.anyOf.map((g) => sorted(g).join("|")).sort()]);
  return key(a) !== key(b);
}
