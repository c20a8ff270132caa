// The package types its ESM default as a CommonJS `default` member: one spelling serves both.
import * as highsModule from "highs";
import { hasFeature, runsIn, type WorldCampaign } from "../../sim/market/index.js";
import { PilotError } from "../errors.js";
import { inScope } from "../tally.js";
import { governAll } from "./governor.js";
import { horizonOptions, type HorizonOption } from "./horizon-options.js";
import { trueUnits } from "./true-margin.js";
import type { Baseline, BaselineContext } from "./types.js";

type LoadHighs = typeof highsModule.default.default;
/** At run time the ESM build's default export is the loader itself. */
const loadHighs = highsModule.default as unknown as LoadHighs;

/** Weeks of a policy quarter in the simulator's week index (as the governor counts them). */
const QUARTER_WEEKS = 13;

/** `a x1 + b x2 …` in LP format, wrapped so no line grows past the reader's limit. */
const sum = (terms: readonly string[]): string =>
  terms.map((t, i) => (i % 8 === 7 ? `${t}\n ` : t)).join(" + ");

/**
 * The season MIP of one market (Cohen et al. 2017 style): one binary per campaign option, the
 * objective its true gain run alone; per SKU one campaign at a time with the brand gap after it,
 * promoted weeks per quarter and the category share per week, and the ad's slots per market-week
 * when the world's rate card has a limit. The rules hold even when the approver would pass small
 * spend: the gains assume each campaign alone, and without the category share the plan stacks
 * campaigns that cannibalise each other (−2.1 % vs no promotion in base with approver 5000).
 */
export function seasonModel(ctx: BaselineContext, options: readonly HorizonOption[]): string {
  const b = ctx.policy.brand;
  const gap = b.minWeeksBetweenPromotions;
  const rows: string[] = [];
  const cols = options.map((_, i) => `x${i}`);
  const weeks = Array.from({ length: ctx.pilotEnd - ctx.pilotStart }, (_, k) => ctx.pilotStart + k);
  const bySku = new Map<string, number[]>();
  options.forEach((o, i) => bySku.set(o.c.sku, [...(bySku.get(o.c.sku) ?? []), i]));
  for (const idx of bySku.values()) {
    for (const t of weeks) {
      const busy = idx.filter(
        (i) =>
          t >= options[i]!.c.startWeek && t < options[i]!.c.startWeek + options[i]!.c.weeks + gap,
      );
      if (busy.length > 1) rows.push(`${sum(busy.map((i) => cols[i]!))} <= 1`);
    }
    for (
      let q = Math.floor(ctx.pilotStart / QUARTER_WEEKS);
      q * QUARTER_WEEKS < ctx.pilotEnd;
      q++
    ) {
      const terms = idx.flatMap((i) => {
        const n = weeks.filter(
          (t) => Math.floor(t / QUARTER_WEEKS) === q && runsIn(options[i]!.c, t),
        ).length;
        return n > 0 ? [`${n} ${cols[i]}`] : [];
      });
      if (terms.length) rows.push(`${sum(terms)} <= ${b.maxPromotedWeeksPerSkuPerQuarter}`);
    }
  }
  for (const t of weeks) {
    const on = options.map((o, i) => ({ o, i })).filter(({ o }) => runsIn(o.c, t));
    for (const cat of new Set(on.map(({ o }) => o.c.category))) {
      const size = ctx.world.skusByCategory[cat]?.length ?? 0;
      const cap = Math.floor((b.maxCategorySharePct * size) / 100 + 1e-9);
      const inCat = on.filter(({ o }) => o.c.category === cat);
      if (inCat.length > cap) rows.push(`${sum(inCat.map(({ i }) => cols[i]!))} <= ${cap}`);
    }
    const slots = ctx.world.model.ads.slotsPerMarketWeek;
    const ads = on.filter(({ o }) => hasFeature(o.c.mechanic));
    if (Number.isFinite(slots) && ads.length > slots)
      rows.push(`${sum(ads.map(({ i }) => cols[i]!))} <= ${slots}`);
  }
  const objective = sum(options.map((o, i) => `${o.gain.toFixed(4)} ${cols[i]}`));
  return `Maximize\n obj: ${objective}\nSubject To\n${rows.map((r, k) => ` r${k}: ${r}`).join("\n") || " r0: x0 <= 1"}\nBinary\n ${cols.join(" ")}\nEnd\n`;
}

/** Solves one market's season plan; the chosen options' campaigns. */
async function solveSeason(
  ctx: BaselineContext,
  options: readonly HorizonOption[],
): Promise<WorldCampaign[]> {
  if (options.length === 0) return [];
  const highs = await loadHighs();
  const s = highs.solve(seasonModel(ctx, options), {
    output_flag: false,
    mip_rel_gap: 1e-4,
    time_limit: 60,
  });
  if (s.Status !== "Optimal" && s.Status !== "Time limit reached")
    throw new PilotError("INVALID_INPUT", `horizon MIP: solver status ${s.Status}`);
  return options.filter((_, i) => (s.Columns[`x${i}`]?.Primal ?? 0) > 0.5).map((o) => o.c);
}

/**
 * The horizon upper bound: a season plan fixed before the pilot by a MIP over every in-scope
 * SKU × week × option with the world's TRUE expected response (each option's gain run alone),
 * the brand rules and the ad's slot limit; then played, governed like every plan. Reads the truth.
 */
export const horizonMip: Baseline = {
  name: "horizonMip",
  knowsTruth: true,
  plan: async (ctx) => {
    const plan: WorldCampaign[] = [];
    for (const m of ctx.world.spec.markets) {
      const options = ctx.world.spec.categories
        .filter((cat) => inScope(ctx.scope, m.id, cat.name))
        .flatMap((cat) => horizonOptions(ctx, m.id, cat.name));
      plan.push(...(await solveSeason(ctx, options)));
    }
    // Stores stock up for the campaign's true lift, as the weekly bound's campaigns do.
    const stocked = plan.map((c) => ({
      ...c,
      plannedLift:
        trueUnits(ctx.world, c, [...ctx.history, c]) /
        Math.max(1, trueUnits(ctx.world, c, ctx.history)),
    }));
    return governAll(ctx.governor, stocked, ctx.history, (c) =>
      trueUnits(ctx.world, c, [...ctx.history, c]),
    );
  },
};
