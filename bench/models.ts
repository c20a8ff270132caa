import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  buildPanel,
  fitLiftModel,
  loadFratDataset,
  PromotionSimulator,
  type ScenarioInput,
} from "../src/models/index.js";

const SELF = fileURLToPath(import.meta.url);
const FRAT = "breakfast-at-the-frat";

/** Accept either the data root (../shared/data) or the dataset directory itself. */
async function resolveDir(dataDir: string): Promise<string> {
  const { existsSync } = await import("node:fs");
  const { join } = await import("node:path");
  return existsSync(join(dataDir, "transactions.csv")) ? dataDir : join(dataDir, FRAT);
}

/** Load + full fit on every week (with interval calibration); run in a child so peak RSS is its own. */
async function fitOnce(dir: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  const panel = buildPanel(await loadFratDataset(dir));
  const t1 = performance.now();
  fitLiftModel(panel, panel.nWeeks - 1);
  const t2 = performance.now();
  return {
    rows: panel.weekRows.reduce((n, r) => n + r.length, 0),
    loadSeconds: (t1 - t0) / 1000,
    fitSeconds: (t2 - t1) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function scenarioRate(
  sim: PromotionSimulator,
  make: (i: number) => ScenarioInput,
  ms = 1500,
): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    sim.evaluate(make(n));
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Full-fit time and peak memory on the whole transactions file, and scenario evaluations per second. */
export async function benchModels(dataDir: string): Promise<Record<string, number | string>> {
  const dir = await resolveDir(dataDir);
  const child = spawnSync(process.execPath, [...process.execArgv, SELF, "--fit-child", dir], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`fit child failed: ${child.stderr}`);
  const fit = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number>;

  const panel = buildPanel(await loadFratDataset(dir));
  const model = fitLiftModel(panel, panel.nWeeks - 1);
  model.absorbThrough(panel.nWeeks - 1);
  const sim = new PromotionSimulator(model);
  const next = (k: number): string => addWeeks(panel.weekDates[panel.nWeeks - 1]!, k);
  const storesOf = panel.upcs.map((u) =>
    panel.series.filter((s) => s.upc === u).map((s) => s.store),
  );
  const base = (i: number): Omit<ScenarioInput, "stores"> => ({
    upc: panel.upcs[i % panel.upcs.length]!,
    weeks: [next(1 + (i % 4)), next(2 + (i % 4))],
    price: 1.99,
    regularPrice: 2.49,
    display: i % 2 === 1,
    feature: (i >> 1) % 2 === 1,
    unitCost: 1.2,
  });
  const oneStore = scenarioRate(sim, (i) => ({
    ...base(i),
    stores: [storesOf[i % panel.upcs.length]![(i % 7) % storesOf[i % panel.upcs.length]!.length]!],
  }));
  const tenStores = scenarioRate(sim, (i) => ({
    ...base(i),
    stores: storesOf[i % panel.upcs.length]!.slice(0, 10),
  }));
  const allStores = scenarioRate(sim, (i) => ({ ...base(i), stores: "all" }));
  return {
    dataDir: dir,
    rows: fit.rows ?? 0,
    loadSeconds: round(fit.loadSeconds ?? 0),
    fullFitSeconds: round(fit.fitSeconds ?? 0),
    peakRssMb: round(fit.peakRssMb ?? 0),
    scenariosPerSecond1Store2Weeks: Math.round(oneStore),
    scenariosPerSecond10Stores2Weeks: Math.round(tenStores),
    scenariosPerSecondAllStores2Weeks: Math.round(allStores),
  };
}

function addWeeks(iso: string, k: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10);
}

const round = (x: number): number => Math.round(x * 100) / 100;

if (process.argv[1] === SELF) {
  if (process.argv[2] === "--fit-child") {
    console.log(JSON.stringify(await fitOnce(process.argv[3]!)));
  } else {
    const dir = process.argv[2] ?? process.env.AUTOPROMO_DATA_DIR ?? "../shared/data";
    const figures = await benchModels(dir);
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`);
  }
}
