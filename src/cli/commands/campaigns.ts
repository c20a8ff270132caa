import type { Command } from "commander";
import { guardError } from "../guard.js";
import {
  applyApprovedEdits,
  campaignChangesSchema,
  campaignEdits,
  campaignHistory,
  createAdapters,
  deliverPending,
  editCampaign,
  getCampaign,
  httpConfigFromEnv,
  listCampaignRecords,
  pauseCampaign,
  resumeCampaign,
  stopCampaign,
} from "../../channels/index.js";
import type { CampaignChanges } from "../../channels/index.js";
import { loadPolicy, PolicyError } from "../../policies/index.js";
import { openDb, resolveDbPath, type Db } from "../../store/index.js";
import { printJson, processOutput, table, type Output } from "../output.js";
import { runClock } from "./run.js";
import { storeScenarioPredictor } from "../../graph/predictor.js";
import { withPolicyAndClock } from "../context.js";

interface Opts {
  db?: string;
  json?: boolean;
  policy?: string;
  now?: string;
  asOf?: string;
  by?: string;
  reason?: string;
  discount?: string;
  promoPrice?: string;
  endDate?: string;
  weeks?: string;
  channels?: string;
  media?: string;
  discountBudget?: string;
}

const common = withPolicyAndClock;

const actor = (cmd: Command) =>
  cmd
    .option("--by <name>", "who you are (recorded)", process.env.USER ?? "cli")
    .requiredOption("--reason <text>", "why (recorded)");

async function withCtx<T>(
  cmd: Command,
  opts: Opts,
  fn: (
    db: Db,
    ctx: { clock: ReturnType<typeof runClock>; policy: ReturnType<typeof loadPolicy> },
  ) => Promise<T> | T,
): Promise<T | undefined> {
  const db = openDb(resolveDbPath(opts.db));
  try {
    return await fn(db, { clock: runClock(opts), policy: loadPolicy(opts.policy) });
  } catch (e) {
    guardError(cmd, e);
  } finally {
    db.close();
  }
}

const num = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new PolicyError("INVALID_INPUT", `${flag}: not a number: ${v}`);
  return n;
};

/** The edit flags as a validated change set (errors name the flag's field). */
export function changesFromFlags(o: Opts): CampaignChanges {
  const budget = {
    media: num("--media", o.media),
    discount: num("--discount-budget", o.discountBudget),
  };
  const raw = {
    discountPct: num("--discount", o.discount),
    promoPrice: num("--promo-price", o.promoPrice),
    endDate: o.endDate,
    weeks: num("--weeks", o.weeks),
    channels: o.channels
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    budget: budget.media !== undefined || budget.discount !== undefined ? budget : undefined,
  };
  const parsed = campaignChangesSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success)
    throw new PolicyError(
      "INVALID_INPUT",
      `invalid edit: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Adds `campaigns list|show|pause|resume|stop|edit|deliver`. */
export function registerCampaignsCommand(program: Command, o: Output = processOutput): void {
  const campaigns = program
    .command("campaigns")
    .description(
      "campaigns: list, show, override (pause, resume, stop, edit) and deliver the outbox",
    );

  common(
    campaigns.command("list").description("campaigns with their lifecycle status, newest first"),
  ).action(async function (this: Command, opts: Opts) {
    await withCtx(this, opts, (db) => {
      const all = listCampaignRecords(db);
      if (opts.json) return printJson(o, all);
      o.out(
        table(
          ["campaign", "status", "v", "mechanic", "depth %", "market", "dates", "channels"],
          all.map((c) => [
            c.id,
            c.status ?? "",
            c.version,
            c.proposal.mechanic,
            Math.round(c.proposal.discountPct * 10) / 10,
            c.markets.join(","),
            `${c.startDate} → ${c.endDate}`,
            c.proposal.channels.join("+"),
          ]),
        ),
      );
    });
  });

  common(
    campaigns.command("show <id>").description("one campaign with its status history and edits"),
  ).action(async function (this: Command, id: string, opts: Opts) {
    await withCtx(this, opts, (db) => {
      const c = getCampaign(db, id);
      const view = { ...c, history: campaignHistory(db, id), edits: campaignEdits(db, id) };
      if (opts.json) return printJson(o, view);
      o.out(
        `${c.id}: ${c.status ?? "not scheduled"} (version ${c.version}), ${c.proposal.mechanic} ${Math.round(c.proposal.discountPct * 10) / 10} % ${c.startDate} → ${c.endDate} on ${c.proposal.channels.join("+")}`,
      );
      o.out(
        table(
          ["at", "from", "to", "v", "by", "why"],
          view.history.map((e) => [e.at, e.from ?? "", e.to, e.version, e.by, e.reason]),
          [null, null, null, null, null, 60],
        ),
      );
    });
  });

  for (const action of ["pause", "resume", "stop"] as const) {
    actor(
      common(
        campaigns
          .command(`${action} <id>`)
          .description(`${action} a campaign (recorded with who and why)`),
      ),
    ).action(async function (this: Command, id: string, opts: Opts) {
      await withCtx(this, opts, (db, { clock, policy }) => {
        const who = { by: opts.by!, reason: opts.reason! };
        const r =
          action === "resume"
            ? resumeCampaign(db, id, who, { policy: policy.policy, clock })
            : (action === "pause" ? pauseCampaign : stopCampaign)(db, id, who, clock);
        if (opts.json) return printJson(o, r);
        o.out(`${id}: ${action} recorded; deliver with \`autopromo campaigns deliver\``);
      });
    });
  }

  actor(
    common(
      campaigns
        .command("edit <id>")
        .description(
          "edit a scheduled or live campaign; re-checked by policy (applied, awaiting approval, or refused)",
        ),
    ),
  )
    .option("--discount <pct>", "new depth, percent off the regular price")
    .option("--promo-price <price>", "new promoted price")
    .option("--end-date <date>", "new last day (start + 7·weeks − 1)")
    .option("--weeks <n>", "new length in weeks")
    .option("--channels <list>", "new channels, comma-separated (store,ecommerce,…)")
    .option("--media <amount>", "new media budget")
    .option("--discount-budget <amount>", "new funded discount budget")
    .action(async function (this: Command, id: string, opts: Opts) {
      await withCtx(this, opts, (db, { clock, policy }) => {
        const r = editCampaign(
          db,
          id,
          changesFromFlags(opts),
          { by: opts.by!, reason: opts.reason! },
          { policy, clock, predictor: storeScenarioPredictor({ db, clock, policy }) },
        );
        if (opts.json) return printJson(o, r);
        o.out(
          `${id} edit #${r.editId} (${r.summary}): ${r.status}${r.approvalRequestId ? ` — approval request ${r.approvalRequestId}` : ""}`,
        );
        for (const reason of r.reasons) o.out(`  ${reason}`);
        if (r.status === "refused") process.exitCode = 2;
      });
    });

  common(
    campaigns
      .command("deliver")
      .description(
        "apply approved edits, then send what the outbox holds to the channels (sandbox unless AUTOPROMO_CHANNEL_<CH>_URL is set)",
      ),
  ).action(async function (this: Command, opts: Opts) {
    await withCtx(this, opts, async (db, { clock, policy }) => {
      const edits = applyApprovedEdits(db, { policy, clock });
      const report = await deliverPending(
        db,
        createAdapters({ http: httpConfigFromEnv(), clock }),
        clock,
      );
      if (opts.json) return printJson(o, { edits, delivery: report });
      o.out(
        `edits applied: ${edits.filter((e) => e.status === "applied").length}; delivered ${report.delivered}, retrying ${report.retrying}, failed ${report.failed}, held by the kill switch ${report.held}; live now: ${report.wentLive.join(", ") || "none"}`,
      );
    });
  });
}
