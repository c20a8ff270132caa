import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runLiftBacktest } from "./run.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const dataRoot = resolve(repoRoot, process.env.AUTOPROMO_DATA_DIR ?? "../shared/data");
const dir = join(dataRoot, "breakfast-at-the-frat");
const present = existsSync(join(dir, "transactions.csv"));
if (!present)
  console.warn(
    `skipping real-data backtest: ${dir}/transactions.csv not found (set AUTOPROMO_DATA_DIR)`,
  );

describe.skipIf(!present)("backtest lift on Breakfast at the Frat (train ≤ 2010-12-29)", () => {
  it("beats both baselines on promoted rows with calibrated 80 % intervals", async () => {
    const r = await runLiftBacktest({ dataDir: dir, trainEnd: "2010-12-29" });
    expect(r.testWeeks.count).toBe(22);
    expect(r.data.duplicateStoresDropped).toBe(2);
    const promo = r.model.promoted.wape;
    // The target for the model the graph runs (fitted per category, median point).
    expect(promo).toBeLessThanOrEqual(0.3);
    expect(promo).toBeLessThan(r.baselines.lastValue.promoted.wape - 0.05);
    expect(promo).toBeLessThan(r.baselines.storeMeanTimesMultiplier.promoted.wape - 0.05);
    expect(r.model.all.coverage80).toBeGreaterThanOrEqual(0.78);
    expect(r.model.all.coverage80).toBeLessThanOrEqual(0.82);
    expect(r.timings.fitSeconds).toBeLessThan(20);
  });
});
