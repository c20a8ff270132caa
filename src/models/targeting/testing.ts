import { ARMS, type HillstromRow } from "./hillstrom.js";
import { seededUniform } from "./random.js";

/** A simulated randomised e-mail test in the Hillstrom layout with its true per-customer visit uplift. */
export interface SimulatedExperiment {
  rows: HillstromRow[];
  /** True P(visit | arm) − P(visit | none) for Mens and Womens e-mail. */
  trueUplift: [number[], number[]];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Seeded simulation with known heterogeneous uplift: the Mens e-mail works on Mens buyers, the
 * Womens e-mail on Womens buyers, both fade with recency; spend follows a visit at a fixed rate.
 */
export function simulateExperiment(n: number, seed: number): SimulatedExperiment {
  const u = seededUniform(seed);
  const rows: HillstromRow[] = [];
  const up: [number[], number[]] = [[], []];
  const zips = ["Urban", "Surburban", "Rural"] as const;
  const channels = ["Phone", "Web", "Multichannel"] as const;
  for (let i = 0; i < n; i++) {
    const recency = 1 + Math.floor(u() * 12);
    const history = Math.round(30 + 500 * u() * u() * 100) / 100;
    const mens = u() < 0.55 ? 1 : 0;
    const womens = mens === 0 || u() < 0.2 ? 1 : 0;
    const newbie = u() < 0.5 ? 1 : 0;
    const base = -2.3 + 0.2 * Math.log1p(history / 100) - 0.05 * recency;
    const fade = 1 - recency / 15;
    const z = [base + 1.4 * mens * fade, base + 1.4 * womens * fade, base];
    const p = z.map(sigmoid);
    up[0].push(p[0]! - p[2]!);
    up[1].push(p[1]! - p[2]!);
    const arm = Math.floor(u() * 3);
    const visit = u() < p[arm]! ? 1 : 0;
    const conversion = visit && u() < 0.15 ? 1 : 0;
    rows.push({
      row: i + 1,
      recency,
      history,
      mens,
      womens,
      newbie,
      arm,
      visit,
      conversion,
      zipCode: zips[Math.floor(u() * 3)]!,
      channel: channels[Math.floor(u() * 3)]!,
      spend: conversion ? Math.round((40 + 120 * u()) * 100) / 100 : 0,
    });
  }
  return { rows, trueUplift: up };
}

/** Rows as a CSV in the Hillstrom file layout (history_segment left blank). */
export function toHillstromCsv(rows: readonly HillstromRow[]): string {
  const head =
    "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend";
  const lines = rows.map(
    (r) =>
      `${r.recency},"x) $0 - $1,000",${r.history},${r.mens},${r.womens},${r.zipCode},${r.newbie},${r.channel},${ARMS[r.arm]},${r.visit},${r.conversion},${r.spend}`,
  );
  return [head, ...lines].join("\n") + "\n";
}
