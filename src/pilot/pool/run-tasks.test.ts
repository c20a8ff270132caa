import { describe, expect, it } from "vitest";
import { runWorlds } from "../worlds/run.js";

describe("worlds run in worker processes", () => {
  it("gives the same report with 1 and 2 jobs (each world × seed is deterministic)", async () => {
    const input = {
      weeks: 2,
      seeds: [1, 2],
      agent: false,
      baselines: ["none", "featureRule"],
      approveUpTo: 0,
    };
    const worlds = ["base", "fatigue"];
    const weeks: string[] = [];
    const one = await runWorlds(input, worlds, undefined, { jobs: 1 });
    const two = await runWorlds(input, worlds, (w, s, k) => weeks.push(`${w}/${s}/${k}`), {
      jobs: 2,
    });
    expect(two).toEqual(one);
    expect(one.worlds.map((w) => w.world)).toEqual(worlds);
    expect(one.worlds[1]!.seeds.map((s) => s.seed)).toEqual([1, 2]);
    expect(new Set(weeks)).toEqual(
      new Set(
        ["base", "fatigue"].flatMap((w) => [1, 2].flatMap((s) => [`${w}/${s}/1`, `${w}/${s}/2`])),
      ),
    );
  }, 120_000);
});
