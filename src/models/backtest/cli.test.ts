import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerBacktestCommand } from "../../cli/commands/backtest.js";
import { simulateMarket } from "../testing/simulated-panel.js";

/** Write a simulated market in the Breakfast-at-the-Frat file layout. */
function writeFrat(): string {
  const d = simulateMarket({ seed: 5, weeks: 60, stores: 6, upcsPerCategory: 3 });
  const dir = mkdtempSync(join(tmpdir(), "frat-sim-"));
  const tx = d.transactions.map(
    (t) =>
      `${t.weekEndDate},${t.store},${t.upc},${t.units},${t.units},${t.units},${t.spend},${t.price},${t.basePrice},${t.feature},${t.display},${t.tprOnly}`,
  );
  writeFileSync(
    join(dir, "transactions.csv"),
    [
      "WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY",
      ...tx,
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "products.csv"),
    [
      "UPC,DESCRIPTION,MANUFACTURER,CATEGORY,SUB_CATEGORY,PRODUCT_SIZE",
      ...d.products.map((p) => `${p.upc},${p.description},SIM,${p.category},${p.subCategory},1`),
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "stores.csv"),
    [
      "STORE_ID,STORE_NAME,ADDRESS_CITY_NAME,ADDRESS_STATE_PROV_CODE,MSA_CODE,SEG_VALUE_NAME,PARKING_SPACE_QTY,SALES_AREA_SIZE_NUM,AVG_WEEKLY_BASKETS",
      ...d.stores.map((s) => `${s.storeId},S,X,OH,1,VALUE,,1,1`),
    ].join("\n"),
  );
  return dir;
}

describe("autopromo backtest lift", () => {
  it("prints one JSON report and writes the predictions CSV", async () => {
    const dir = writeFrat();
    const predictions = join(dir, "pred.csv");
    const program = new Command().exitOverride();
    const out: string[] = [];
    const err: string[] = [];
    registerBacktestCommand(program, {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    await program.parseAsync(
      [
        "backtest",
        "lift",
        "--data",
        dir,
        "--train-end",
        "2009-11-25",
        "--online",
        "--predictions",
        predictions,
        "--json",
      ],
      { from: "user" },
    );
    const report = JSON.parse(out[0]!) as {
      model: { promoted: { wape: number } };
      testWeeks: { count: number };
    };
    expect(err).toEqual([]); // --json: stdout is the report, stderr stays for errors
    expect(report.testWeeks.count).toBeGreaterThan(5);
    expect(report.model.promoted.wape).toBeLessThan(0.3);
    const lines = readFileSync(predictions, "utf8").trim().split("\n");
    expect(lines[0]).toBe("WEEK_END_DATE,STORE_NUM,UPC,predicted_units,lower,upper");
    expect(lines[1]!.split(",")).toHaveLength(6);
  });

  it("says what it is doing within a second, a line per phase when not a terminal, and prints no colour codes", async () => {
    const dir = writeFrat();
    const program = new Command().exitOverride();
    const t0 = performance.now();
    const out: string[] = [];
    const err: { at: number; text: string }[] = [];
    registerBacktestCommand(program, {
      out: (t) => void out.push(t),
      err: (text) => void err.push({ at: performance.now() - t0, text }),
    });
    await program.parseAsync(["backtest", "lift", "--data", dir, "--train-end", "2009-11-25"], {
      from: "user",
    });
    expect(err[0]!.at).toBeLessThan(1_000);
    expect(err[0]!.text).toBe("backtest lift: loading the data: 1 files…");
    const text = err.map((e) => e.text);
    for (const phase of [
      "loading the data",
      "fitting the lift model",
      "predicting the test weeks",
    ]) {
      expect(
        text.some((t) => t.startsWith(`backtest lift: ${phase}`) && / done in \d+\.\d s$/.test(t)),
        phase,
      ).toBe(true);
    }
    const printed = [...out, ...text].join("\n");
    // eslint-disable-next-line no-control-regex
    expect(printed).not.toMatch(/\u001b\[/);
    expect(out.join("\n")).toMatch(/^backtest lift: train ≤ 2009-11-25/);
    expect(
      out
        .join("\n")
        .split("\n")
        .filter((l) => l.length > 100),
    ).toEqual([]);
  });
});
