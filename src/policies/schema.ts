import { z } from "zod";
import { channelSchema } from "../domain/channel.js";
import { contactTimingSchema } from "../domain/contact-timing.js";
import { currencySchema, idSchema, isoDateSchema } from "../domain/common.js";
import { mechanicSchema } from "../domain/proposal.js";
import { POLICY_RULE_GROUPS, POLICY_RULE_IDS } from "./rule-ids.js";

/**
 * The policy file: governance as data. Every object is strict (a misspelt key is an error, not a
 * silently ignored limit) and every field has a default, so `{}` is a valid, conservative policy.
 * Built-in rules (responsible targeting, Omnibus pricing, fair messaging) are not configured here.
 */

/** Roles every policy knows; `approvals.roles` may add more. */
export const BASE_ROLES = [
  "marketing",
  "finance",
  "supply_chain",
  "legal",
  "category_manager",
] as const;
export const roleSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "expected a snake_case role name");
export type Role = z.infer<typeof roleSchema>;

/** The compiled-in ceiling on contacts per shopper per week; a policy may only go lower. */
export const HARD_MAX_CONTACTS_PER_WEEK = 3;

const money = () => z.number().nonnegative();
const pct = () => z.number().min(0).max(100);
const count = () => z.number().int().positive();

/** Who must approve: every role in `allOf`, and at least one role of `anyOf` when it is not empty. */
export const approvalRequirementSchema = z.strictObject({
  allOf: z.array(roleSchema).default([]),
  anyOf: z.array(roleSchema).default([]),
});
export type ApprovalRequirement = z.infer<typeof approvalRequirementSchema>;

const windowSchema = z.strictObject({
  name: z.string().min(1),
  from: isoDateSchema,
  to: isoDateSchema,
  /** Absent = every category / market. */
  categories: z.array(idSchema).optional(),
  markets: z.array(idSchema).optional(),
});

const quarterBudgetSchema = z.strictObject({
  Q1: money().optional(),
  Q2: money().optional(),
  Q3: money().optional(),
  Q4: money().optional(),
});

const KNOWN_ROUTES = new Set<string>([...POLICY_RULE_IDS, ...POLICY_RULE_GROUPS]);

export const policySchema = z
  .strictObject({
    name: z.string().default("default"),
    /** Currency of every money amount here and in proposals. */
    currency: currencySchema.default("EUR"),
    success: z
      .strictObject({
        minLiftPct: z.number().default(5),
        minIncrementalMargin: z.number().default(0),
        minRoi: z.number().default(0),
        /** The agent proposes a promotion only if its forecast gives P(incremental margin > 0) at least this. */
        minProbabilityPositive: z.number().min(0).max(1).default(0.8),
      })
      .prefault({}),
    autonomy: z
      .strictObject({
        maxSpendPerCampaign: money().default(10_000),
        maxSpendPerDay: money().default(5_000),
        maxSpendPerWeek: money().default(25_000),
        maxSpendPerMonth: money().default(80_000),
        /** Committed spend per category per calendar month; key `*` covers unlisted categories. */
        maxSpendPerCategoryPerMonth: z.record(idSchema, money()).default({ "*": 30_000 }),
        maxDiscountPct: pct().default(30),
        minMarginAfterDiscountPct: z.number().min(-100).max(100).default(10),
        maxSkusPerCampaign: count().default(20),
        maxMarketsPerCampaign: count().default(1),
      })
      .prefault({}),
    approvalRequired: z
      .strictObject({
        newMarket: z.boolean().default(true),
        /** Competitors a price-match against always needs approval; `*` = any competitor. */
        priceMatchCompetitors: z.array(idSchema).default(["*"]),
        /** Depth above which a second, stricter approval is needed; null = none. */
        depthAbovePct: pct().nullable().default(40),
        multiMarket: z.boolean().default(true),
        national: z.boolean().default(false),
        newMechanic: z.boolean().default(true),
        mechanics: z.array(mechanicSchema).default([]),
      })
      .prefault({}),
    brand: z
      .strictObject({
        maxPromotedWeeksPerSkuPerQuarter: z.number().int().min(0).default(6),
        minWeeksBetweenPromotions: z.number().min(0).default(2),
        maxCategorySharePct: pct().default(40),
      })
      .prefault({}),
    supply: z
      .strictObject({
        safetyMarginPct: z.number().min(0).default(10),
        countOnOrder: z.boolean().default(false),
        onMissingData: z.enum(["escalate", "block"]).default("escalate"),
      })
      .prefault({}),
    channels: z
      .strictObject({
        /** Allowed channels per market; key `*` covers unlisted markets. */
        allowed: z
          .record(idSchema, z.array(channelSchema))
          .default({ "*": ["store", "ecommerce", "digital_ads", "email", "sms", "social"] }),
        priceTolerancePct: pct().default(10),
      })
      .prefault({}),
    annualPlan: z
      .strictObject({
        year: z.number().int().min(2000).max(2100).nullable().default(null),
        /** Budget per category per quarter of `year`; key `*` covers unlisted categories. */
        budgets: z.record(idSchema, quarterBudgetSchema).default({}),
        blackouts: z.array(windowSchema).default([]),
        focusWindows: z.array(windowSchema).default([]),
        priorities: z
          .array(
            z.strictObject({
              category: idSchema,
              priority: z.enum(["grow", "defend", "maintain", "harvest"]),
              note: z.string().optional(),
            }),
          )
          .default([]),
      })
      .prefault({}),
    /** Absent list = unrestricted; anything outside a listed scope is blocked. */
    pilot: z
      .strictObject({
        categories: z.array(idSchema).optional(),
        markets: z.array(idSchema).optional(),
        mechanics: z.array(mechanicSchema).optional(),
        channels: z.array(channelSchema).optional(),
      })
      .prefault({}),
    /**
     * Shadow mode: scopes listed here (or all, with `all`) are planned as usual but nothing launches;
     * each plan is recorded beside the planners' calendar. Leaving shadow is how autonomy widens.
     */
    shadow: z
      .strictObject({
        all: z.boolean().default(false),
        categories: z.array(idSchema).default([]),
        markets: z.array(idSchema).default([]),
        /** Weeks a "no promotion" plan covers when set beside the planners'. */
        windowWeeks: z.number().int().min(1).max(26).default(4),
        /** Settled scope-weeks before shadow evidence may widen autonomy. */
        minSettledWeeks: z.number().int().min(1).default(12),
      })
      .prefault({}),
    /** The causal record: every executed promotion keeps random control stores that stay at the regular shelf. */
    measurement: z
      .strictObject({
        holdoutStoresPct: pct().default(25),
        minHoldoutStores: z.number().int().min(1).default(2),
      })
      .prefault({}),
    targeting: z
      .strictObject({
        maxContactsPerShopperPerWeek: z
          .number()
          .int()
          .min(0)
          .max(
            HARD_MAX_CONTACTS_PER_WEEK,
            `responsible_targeting.contact_frequency is built in: the cap cannot exceed ${HARD_MAX_CONTACTS_PER_WEEK} contacts per shopper per week`,
          )
          .default(2),
        /** Per-channel weekly caps inside the all-channel cap (e.g. sms: 1); optional so the policy version stays put. */
        maxContactsPerChannelPerWeek: z
          .partialRecord(channelSchema, z.number().int().min(0).max(HARD_MAX_CONTACTS_PER_WEEK))
          .optional(),
        /** Media cost of one contact per channel, overriding the documented defaults (docs/targeting.md). */
        mediaCostPerContact: z.partialRecord(channelSchema, z.number().nonnegative()).optional(),
        /** Contact fatigue and timing, overriding the Complete Journey defaults (docs/uplift-targeting.md). */
        fatigue: contactTimingSchema.optional(),
      })
      .prefault({}),
    /** Watching live campaigns: the stop-loss that pauses one losing money with confidence. */
    monitoring: z
      .strictObject({
        stopLoss: z
          .strictObject({
            enabled: z.boolean().default(true),
            /** Realised incremental margin per week (policy currency) a campaign must not fall below. */
            minIncrementalMarginPerWeek: z.number().default(0),
            /** One-sided confidence that the true weekly margin is below the threshold before pausing. */
            confidencePct: z.number().min(50).max(99.9).default(90),
            /** Weeks of actuals needed before the test may fire (at least 2: it needs a spread). */
            minWeeks: z.number().int().min(2).max(52).default(2),
            /** Roles told to decide (resume or stop) once the stop-loss has paused a campaign. */
            escalateTo: z.array(roleSchema).min(1).default(["category_manager", "finance"]),
          })
          .prefault({}),
      })
      .prefault({}),
    approvals: z
      .strictObject({
        deadlineHours: z.number().positive().default(48),
        /** A person counts once per request whatever roles they hold, and never approves their own request. */
        onePersonOneVote: z.boolean().default(true),
        roles: z.array(roleSchema).default([]),
        /** Rule id or rule group → roles; the most specific entry wins, then `default`. */
        routing: z.record(z.string(), approvalRequirementSchema).default({}),
        default: approvalRequirementSchema.prefault({ allOf: ["category_manager"] }),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    const roles = new Set<string>([...BASE_ROLES, ...p.approvals.roles]);
    const routes = { ...p.approvals.routing, default: p.approvals.default };
    for (const [key, req] of Object.entries(routes)) {
      if (key !== "default" && !KNOWN_ROUTES.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["approvals", "routing", key],
          message: `unknown rule or group "${key}"`,
        });
      }
      for (const r of [...req.allOf, ...req.anyOf]) {
        if (!roles.has(r))
          ctx.addIssue({
            code: "custom",
            path: ["approvals", "routing", key],
            message: `unknown role "${r}" (add it to approvals.roles)`,
          });
      }
      if (req.allOf.length + req.anyOf.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["approvals", "routing", key],
          message: "names no role",
        });
      }
    }
    for (const r of p.monitoring.stopLoss.escalateTo) {
      if (!roles.has(r))
        ctx.addIssue({
          code: "custom",
          path: ["monitoring", "stopLoss", "escalateTo"],
          message: `unknown role "${r}" (add it to approvals.roles)`,
        });
    }
    for (const [i, w] of [...p.annualPlan.blackouts, ...p.annualPlan.focusWindows].entries()) {
      if (w.from > w.to)
        ctx.addIssue({
          code: "custom",
          path: ["annualPlan"],
          message: `window ${i} "${w.name}" ends before it starts`,
        });
    }
  });

/** A validated policy with every default filled in. */
export type Policy = z.infer<typeof policySchema>;
