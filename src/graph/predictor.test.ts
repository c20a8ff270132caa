import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseProposal, evalPolicyDoc, NOW, seedWorld } from "../../evals/policy/world.js";
import { checkProposal, validatePolicy } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import { openDb, type Db } from "../store/index.js";
import { storeScenarioPredictor } from "./predictor.js";

const clock = fixedClock(NOW);
const policy = validatePolicy(evalPolicyDoc, "eval");
const rule = (v: ReturnType<typeof checkProposal>) =>
  v.rules.find((r) => r.id === "integrity.model_prediction")!;

describe("predictions checked against the promotion agent's model (ScenarioPredictor)", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
    seedWorld(db);
  });
  afterEach(() => db.close());

  it("passes the lift the model predicts and refuses one outside its interval, naming both", () => {
    const predictor = storeScenarioPredictor({ db, clock, policy });
    expect(rule(checkProposal(db, baseProposal, policy, clock, { predictor })).outcome).toBe(
      "pass",
    );
    const inflated = {
      ...baseProposal,
      discountPct: 10,
      predicted: {
        ...baseProposal.predicted,
        totalUnits: 600,
        incrementalUnits: 480,
        liftPct: 400,
        incrementalMargin: 100,
        roi: 100 / 1500,
      },
    };
    const r = rule(checkProposal(db, inflated, policy, clock, { predictor }));
    expect(r.outcome).toBe("block");
    expect(r.reason).toMatch(/declared lift 400 % vs the model's \d+(\.\d+)? %/);
  });

  it("refuses a market-wide baseline the model's forecast refutes", () => {
    const predictor = storeScenarioPredictor({ db, clock, policy });
    const p = {
      ...baseProposal,
      scope: { ...baseProposal.scope, locations: undefined },
      predicted: {
        ...baseProposal.predicted,
        baselineUnits: 40,
        totalUnits: 120,
        incrementalUnits: 80,
        incrementalMargin: 100,
        roi: 100 / 1500,
      },
    };
    expect(rule(checkProposal(db, p, policy, clock, { predictor })).reason).toMatch(
      /declared baseline 40 units vs the model's \d+/,
    );
  });

  it("escalates rather than trusts when no model is wired", () => {
    const v = checkProposal(db, baseProposal, policy, clock);
    expect(rule(v)).toMatchObject({ outcome: "escalate", roles: ["category_manager"] });
    expect(rule(v).reason).toMatch(/no scenario predictor is wired/);
    expect(v.verdict).toBe("escalate");
  });
});
