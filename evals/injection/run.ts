import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { createDemandAgent } from "../../src/agents/demand/index.js";
import { createInventoryAgent } from "../../src/agents/inventory/index.js";
import { createPerceptionAgent } from "../../src/agents/perception/index.js";
import { createPromotionAgent, type PromotionPlan } from "../../src/agents/promotion/index.js";
import { createPromotionGraph, getDecision, runScope } from "../../src/graph/index.js";
import {
  createLlmReasoner,
  createOfflineReasoner,
  openAiChatModel,
  type Reasoner,
  type ReasonerRequest,
} from "../../src/llm/index.js";
import { checkProposal, loadPolicy, type LoadedPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import type { Db } from "../../src/store/index.js";
import { BENIGN_TEXT, injectionCases } from "./cases.js";
import { plantInFindings } from "./findings.js";
import { compromisedModel, LLM_BASE, type CompromisedModel } from "./model.js";
import { scoreLeg, summarise, type InjectionSummary, type LegOutcome } from "./score.js";
import type { CaseScore, InjectionCase, Verdict } from "./types.js";
import { buildTemplate, NOW, openCopy, plant, policies, SCOPE } from "./world.js";

export interface InjectionReport extends InjectionSummary {
  scores: CaseScore[];
  seconds: number;
}

/** A reasoner that keeps what it was asked, so the chosen id can be checked against the candidates shown. */
function recording(inner: Reasoner): Reasoner & { requests: ReasonerRequest[] } {
  const requests: ReasonerRequest[] = [];
  return {
    name: inner.name,
    requests,
    decide: (req, o) => (requests.push(req), inner.decide(req, o)),
  };
}

const lastCandidates = (r: { requests: ReasonerRequest[] }) =>
  r.requests.at(-1)?.candidates.map((c) => c.scenario.id) ?? [];

interface Env {
  dir: string;
  template: Awaited<ReturnType<typeof buildTemplate>>;
  model: CompromisedModel;
  llm: Reasoner;
  policies: { shipped: LoadedPolicy; escalating: LoadedPolicy };
  clock: ReturnType<typeof fixedClock>;
}

/**
 * Runs every case on the compromised LLM reasoner and on the offline reasoner, each against a clean
 * run (benign text in the same place, offline reasoner), and scores bypasses, disallowed tool
 * calls, choices outside the candidates, unrecorded fallbacks and fences.
 */
export async function runInjectionEval(
  options: { cases?: InjectionCase[] } = {},
): Promise<InjectionReport> {
  const t0 = Date.now();
  const cases = options.cases ?? injectionCases();
  const dir = mkdtempSync(join(tmpdir(), "autopromo-injection-"));
  const model = compromisedModel();
  // Only the mocked model's host is intercepted; anything else passes through untouched.
  const server = setupServer(model.handler);
  server.listen({ onUnhandledRequest: "bypass" });
  try {
    const env: Env = {
      dir,
      model,
      clock: fixedClock(NOW),
      policies: policies(loadPolicy()),
      template: await buildTemplate(join(dir, "template.db")),
      llm: createLlmReasoner({
        model: openAiChatModel(
          {
            OPENAI_API_KEY: "injection-eval",
            OPENAI_BASE_URL: LLM_BASE,
            AUTOPROMO_MODEL: "compromised",
          },
          10_000,
        ),
        modelName: "compromised",
        maxAttempts: 2,
        timeoutMs: 10_000,
        // Every case is its own attack: one case's failures must not open the circuit for the next.
        breaker: { failures: Number.MAX_SAFE_INTEGER },
        backoff: { baseMs: 1 },
      }),
    };
    const scores: CaseScore[] = [];
    const agentCases = cases.filter((c) => c.level === "agent");
    if (agentCases.length) scores.push(...(await runAgentCases(env, agentCases)));
    const cleanGraphRuns = new Map<string, { verdict: Verdict; campaigns: number }>();
    for (const c of cases.filter((x) => x.level === "graph"))
      scores.push(await runGraphCase(env, c, cleanGraphRuns));
    const order = new Map(cases.map((c, i) => [c.id, i]));
    scores.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { ...summarise(scores), scores, seconds: (Date.now() - t0) / 1000 };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const verdictOf = (
  db: Db,
  plan: PromotionPlan,
  policy: LoadedPolicy,
  clock: Env["clock"],
): Verdict => (plan.proposal ? checkProposal(db, plan.proposal, policy, clock).verdict : "none");

/** Agent cases: the promotion agent plans on the world's real findings with the text planted in them. */
async function runAgentCases(env: Env, cases: InjectionCase[]): Promise<CaseScore[]> {
  const db = openCopy(env.template.path, join(env.dir, "agent.db"));
  try {
    const findings = await createPerceptionAgent({ db, clock: env.clock }).perceive(SCOPE);
    const demand = createDemandAgent({ db, clock: env.clock }).forecast(SCOPE, findings);
    const inventory = createInventoryAgent({ db, clock: env.clock }).assess(SCOPE);
    // One agent per reasoner and policy: its fitted category effects are reused across cases.
    const agents = new Map<
      string,
      { agent: ReturnType<typeof createPromotionAgent>; reasoner: ReturnType<typeof recording> }
    >();
    const agentFor = (kind: "llm" | "offline", escalating: boolean) => {
      const key = `${kind}|${escalating}`;
      let a = agents.get(key);
      if (!a) {
        const reasoner = recording(kind === "llm" ? env.llm : createOfflineReasoner());
        a = {
          reasoner,
          agent: createPromotionAgent({
            db,
            clock: env.clock,
            policy: escalating ? env.policies.escalating : env.policies.shipped,
            reasoner,
          }),
        };
        agents.set(key, a);
      }
      return a;
    };
    const plan = (c: InjectionCase, kind: "llm" | "offline", text: string) =>
      agentFor(kind, c.escalating).agent.plan({
        scope: SCOPE,
        demand,
        inventory,
        findings: plantInFindings(findings, c, text),
        proposalId: `inj-${c.id}`,
      });
    const cleanRuns = new Map<string, Verdict>();
    const out: CaseScore[] = [];
    for (const c of cases) {
      const policy = c.escalating ? env.policies.escalating : env.policies.shipped;
      // Benign text in the same place reads the same for every case of a vector and policy.
      const cleanKey = `${c.vector}|${c.escalating}`;
      if (!cleanRuns.has(cleanKey))
        cleanRuns.set(
          cleanKey,
          verdictOf(db, await plan(c, "offline", BENIGN_TEXT), policy, env.clock),
        );
      const clean = { verdict: cleanRuns.get(cleanKey)!, campaigns: 0 };
      const legs = [];
      for (const kind of ["llm", "offline"] as const) {
        const from = env.model.count;
        env.model.arm(c.id, c.attack);
        const p = await plan(c, kind, c.payload);
        env.model.disarm();
        const verdict = verdictOf(db, p, policy, env.clock);
        const outcome: LegOutcome = {
          reasoner: kind,
          chosenId: p.choice.chosen.scenario.id,
          candidateIds: lastCandidates(agentFor(kind, c.escalating).reasoner),
          verdict,
          unauthorisedLaunch: false,
          campaigns: 0,
          fallback: p.usage.fallback,
          explanation: p.choice.explanation,
          untrustedOutput: p.usage.untrustedOutput,
          structured: JSON.stringify({
            scenario: p.choice.chosen.scenario,
            proposal: p.proposal,
            verdict,
          }),
          exchanges: env.model.since(from),
        };
        legs.push(scoreLeg(c.id, outcome, clean));
      }
      out.push({ id: c.id, vector: c.vector, level: c.level, attack: c.attack, legs });
    }
    return out;
  } finally {
    db.close();
  }
}

/** Structured rows a run may write: everything the model could try to steer, none of its words. */
function storedRows(db: Db): string {
  const q = (sql: string) => db.prepare(sql).all();
  return JSON.stringify({
    campaigns: q("SELECT * FROM campaigns"),
    outbox: q("SELECT * FROM outbox"),
    votes: q("SELECT * FROM approval_votes"),
    spend: q("SELECT * FROM spend_commitments"),
    policies: q("SELECT * FROM policy_versions"),
    killSwitch: q("SELECT * FROM kill_switch_events"),
  });
}

/** One run of the whole graph on a fresh copy of the world with `text` planted through ingestion. */
async function graphRun(
  env: Env,
  c: InjectionCase,
  text: string,
  kind: "llm" | "offline",
  label: string,
) {
  const db = openCopy(env.template.path, join(env.dir, `${c.id}-${label}.db`));
  try {
    await plant(db, c, text, env.template);
    const reasoner = recording(kind === "llm" ? env.llm : createOfflineReasoner());
    const policy = c.escalating ? env.policies.escalating : env.policies.shipped;
    const graph = createPromotionGraph({ db, clock: env.clock, policy, reasoner });
    const from = env.model.count;
    if (kind === "llm") env.model.arm(c.id, c.attack);
    const run = await runScope({ graph, db, clock: env.clock }, SCOPE);
    env.model.disarm();
    const rec = getDecision(db, run.decisionId);
    const verdict: Verdict = rec.proposal && rec.policy ? rec.policy.verdict : "none";
    const campaigns = (db.prepare("SELECT count(*) AS n FROM campaigns").get() as { n: number }).n;
    const approved = rec.approvals.some((a) => a.decision === "approve");
    const structured = JSON.stringify({
      chosen: rec.chosen?.scenario ?? null,
      proposal: rec.proposal,
      verdict,
      rules: rec.policy?.rules.map((r) => [r.id, r.outcome]) ?? [],
      approvals: rec.approvals.map((a) => [a.role, a.approver, a.decision]),
      outcome: [rec.outcome.status, rec.outcome.campaignId ?? null],
      rows: storedRows(db),
    });
    return {
      kind,
      verdict,
      campaigns,
      chosenId: rec.chosen?.scenario.id ?? "no-promotion",
      candidateIds: lastCandidates(reasoner),
      unauthorisedLaunch: campaigns > 0 && verdict !== "allow" && !approved,
      fallback: rec.reasoner.fallback,
      explanation: rec.explanation,
      untrustedOutput: rec.reasoner.untrustedOutput,
      structured,
      exchanges: env.model.since(from),
    };
  } finally {
    db.close();
  }
}

/** Graph cases: clean (benign text, offline; shared by cases planting in the same place), then the planted text with the LLM and with the offline reasoner. */
async function runGraphCase(
  env: Env,
  c: InjectionCase,
  cleanRuns: Map<string, { verdict: Verdict; campaigns: number }>,
): Promise<CaseScore> {
  const cleanKey = `${c.vector}|${c.escalating}`;
  if (!cleanRuns.has(cleanKey))
    cleanRuns.set(cleanKey, await graphRun(env, c, BENIGN_TEXT, "offline", "clean"));
  const clean = cleanRuns.get(cleanKey)!;
  const legs = [];
  for (const kind of ["llm", "offline"] as const) {
    const r = await graphRun(env, c, c.payload, kind, kind);
    legs.push(
      scoreLeg(
        c.id,
        { reasoner: kind, ...r },
        { verdict: clean.verdict, campaigns: clean.campaigns },
      ),
    );
  }
  return { id: c.id, vector: c.vector, level: c.level, attack: c.attack, legs };
}
