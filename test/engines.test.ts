import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// Issue #27 item 8: `npm ci` must not warn that a dependency wants a newer Node than we state.

interface Semver {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
}
// npm's own range logic; a transitive package (no types of its own here).
const semver = createRequire(import.meta.url)("semver") as Semver;
const root = new URL("../", import.meta.url);
const json = (file: string) =>
  JSON.parse(readFileSync(new URL(file, root), "utf8")) as Record<string, unknown>;

describe("the stated Node version", () => {
  it("is enough for every installed dependency: the lowest version of each line we state satisfies each engines.node", () => {
    const ours = (json("package.json").engines as { node: string }).node;
    // ">=20.19" states 20.19.0; "^20.19.0 || >=22.13" states 20.19.0 and 22.13.0.
    const lowest = ours.split("||").map((r) => semver.minVersion(r.trim())?.version);
    expect(lowest).not.toContain(undefined);
    const packages = json("package-lock.json").packages as Record<
      string,
      { engines?: { node?: string } | string[] }
    >;
    const wanting = Object.entries(packages).flatMap(([path, p]) => {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (path === "" || !range) return [];
      return lowest
        .filter((v) => !semver.satisfies(v!, range))
        .map((v) => `${path} wants node ${range}, not ${v}`);
    });
    expect(wanting).toEqual([]);
  });

  it("is the version this machine runs the tests on", () => {
    expect(
      semver.satisfies(
        process.versions.node,
        (json("package.json").engines as { node: string }).node,
      ),
    ).toBe(true);
  });
});
