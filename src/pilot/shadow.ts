import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import {
  compareShadow,
  shadowRecommendations,
  type ShadowRecommendation,
  type ShadowReport,
} from "../shadow/index.js";
import { openDb, type Db } from "../store/index.js";
import {
  baseWorld,
  DEFAULT_WORLD_SPEC,
  drawWorld,
  historicalCalendar,
  MarketWorld,
  shippedCalibration,
  type CampaignAccrual,
  type MarketWorldSpec,
  type WeekOutcome,
  type WorldDefinition,
} from "../sim/market/index.js";
import { AgentPlayer } from "./agent-player.js";
import { BaselinePlayer } from "./baseline-player.js";
import { calendarBaseline } from "./baselines/simple.js";
import { PilotError } from "./errors.js";
import { feedCalendar, settledTruth } from "./shadow-calendar.js";
import { shadowPilotPolicy } from "./shadow-policy.js";
import { policyDiff } from "./tune.js";

export const shadowPilotOptionsSchema = z.strictObject({
  /** Weeks the agent plans in shadow (one cycle a week). */
  weeks: z.number().int().min(1).max(104).default(12),
  seed: z.number().int().default(1),
  /** Policy file (default: the shipped one); its shadow section lists every world category. */
  policyPath: z.string().optional(),
  /** The calendar's escalations whose spend is at most this are approved (as in the pilot). */
  approveUpTo: z.number().nonnegative().default(5000),
  /** Keep the store here (a file path) for `shadow report`, `tune` or the dashboard. */
  dbPath: z.string().optional(),
});
export type ShadowPilotOptions = z.input<typeof shadowPilotOptionsSchema>;

/** What `runShadowPilot` takes besides the options: the world and its shape. */
export interface ShadowPilotInput extends ShadowPilotOptions {
  world?: WorldDefinition;
  /** The simulated retailer (default: two markets × three categories). */
  spec?: MarketWorldSpec;
  onWeek?: (week: number, of: number) => void;
}

/** One pilot world played in shadow: the calendar ran, the system's plans sat beside it. */
export interface ShadowPilotResult {
  world: string;
  seed: number;
  weeks: number;
  /** Weeks the world ran on after the last cycle so the last plans' actuals could arrive. */
  settleWeeks: number;
  scopes: number;
  /** Shadow plans recorded, and the planners' campaigns that ran in the shadow weeks. */
  plans: number;
  plannersCampaigns: number;
  /** What the system launched or asked for: every count is 0 in shadow. */
  launched: { campaigns: number; outbox: number; approvals: number; spendCommitments: number };
  report: ShadowReport;
  /** The world's true incremental margin of the settled pairs' planners' promotions. */
  truth: { settledPairs: number; estimated: number; actual: number };
  tune: { recommendations: ShadowRecommendation[]; policyDiff: string };
  seconds: number;
}

/**
 * Plays a pilot world in shadow: history under the BTF calendar, then the planners' calendar
 * (the pilot's calendar baseline) runs in the world and is fed as `planned_promotion`, while the
 * promotion graph plans every scope in shadow each week on the ingested actuals. The world runs
 * on until every plan's weeks and dip have been observed; then the planners' promotions are
 * settled by the shadow comparison and tune reads it.
 */
export async function runShadowPilot(input: ShadowPilotInput = {}): Promise<ShadowPilotResult> {
  const { world: def = baseWorld, spec = DEFAULT_WORLD_SPEC, onWeek, ...options } = input;
  const o = shadowPilotOptionsSchema.parse(options);
  if (o.dbPath && existsSync(o.dbPath) && statSync(o.dbPath).size > 0) {
    const why = "the file exists; a shadow pilot writes a new store";
    throw new PilotError("INVALID_INPUT", `--db ${o.dbPath}: ${why}`);
  }
  const t0 = performance.now();
  const { truth, model } = drawWorld(def, o.seed, spec, shippedCalibration());
  const world = new MarketWorld(spec, truth, model);
  const policy = shadowPilotPolicy(o.policyPath, world);
  const H = spec.historyWeeks;
  const history = historicalCalendar(world, o.seed, 0, H);
  const outcomes: WeekOutcome[] = [];
  for (let w = 0; w < H; w++) outcomes.push(world.step(w, history));
  const windowWeeks = policy.loaded.policy.shadow.windowWeeks;
  // The planners plan half a year ahead: their calendar keeps running while the last plans settle.
  const setting = {
    seed: o.seed,
    pilotStart: H,
    pilotEnd: H + o.weeks + PLANNED_AHEAD,
    history,
    historyOutcomes: outcomes,
    scope: policy.loaded.policy.pilot,
    policy: policy.loaded.policy,
    approveUpTo: o.approveUpTo,
  };
  const planners = new BaselinePlayer(calendarBaseline, world, setting);
  await planners.start();
  const dir = o.dbPath ? null : mkdtempSync(join(tmpdir(), "autopromo-shadow-pilot-"));
  const db = openDb(o.dbPath ?? join(dir!, "shadow.db"));
  try {
    const agent = new AgentPlayer(db, world, policy.loaded, {
      approveUpTo: o.approveUpTo,
      holdoutPct: 0,
      minHoldout: 0,
      seed: o.seed,
    });
    await agent.loadHistory(outcomes);
    const calendar = [...history, ...planners.campaigns];
    await feedCalendar(db, world, calendar, agent.clock);
    const accruals: CampaignAccrual[] = outcomes.flatMap((x) => x.accruals);
    let scopes = 0;
    for (let p = 0; p < o.weeks; p++) {
      const out = planners.play(H + p, p === o.weeks - 1).outcome;
      accruals.push(...out.accruals);
      scopes = Math.max(scopes, (await agent.week(out)).scopes);
      onWeek?.(p + 1, o.weeks);
    }
    const settleWeeks = weeksToSettle(db, world, H + o.weeks - 1, windowWeeks);
    for (let k = 0; k < settleWeeks; k++) {
      const out = planners.play(H + o.weeks + k, true).outcome;
      accruals.push(...out.accruals);
      await agent.observe(out);
    }
    const minSettledWeeks = policy.loaded.policy.shadow.minSettledWeeks;
    const report = compareShadow(db, { minSettledWeeks });
    const tune = shadowRecommendations(report, policy.loaded.policy, policy.text);
    return {
      world: def.name,
      seed: o.seed,
      weeks: o.weeks,
      settleWeeks,
      scopes,
      plans: count(db, "shadow_plans"),
      plannersCampaigns: planners.campaigns.filter((c) => c.startWeek < H + o.weeks + settleWeeks)
        .length,
      launched: {
        campaigns: count(db, "campaigns"),
        outbox: count(db, "outbox"),
        approvals: count(db, "approval_requests"),
        spendCommitments: count(db, "spend_commitments"),
      },
      report,
      truth: settledTruth(report, world, calendar, accruals),
      tune: {
        recommendations: tune.recommendations,
        policyDiff: policyDiff(`${policy.file} (shadow pilot)`, policy.text, tune.next),
      },
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Weeks of the planners' calendar beyond the shadow weeks (the tail needs at most ~12). */
const PLANNED_AHEAD = 26;

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Weeks after `lastWeek` until the latest shadow plan's weeks and its 2 dip weeks are observed. */
function weeksToSettle(db: Db, world: MarketWorld, lastWeek: number, windowWeeks: number): number {
  const row = db.prepare("SELECT max(window_end) AS end FROM shadow_plans").get() as {
    end: string | null;
  };
  if (row.end === null) return windowWeeks + 2;
  // window_end is a Saturday-ending week's last day; the week after it starts the day after.
  const endWeek = world.weekStartingOn(row.end) - 1;
  return Math.max(0, endWeek + 2 - lastWeek);
}
