// The compiled command as a user runs it (`npx autopromo …` after `npm ci`), and what the
// published package holds: the eval suites must work from both, not only under tsx.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const bin = join(root, "dist", "cli", "main.js");

describe("the packaged command", () => {
  it("ships the eval suites' sources and no tests", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
    });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toContain("evals/runner/cli.ts");
    expect(paths).toContain("evals/policy/index.ts");
    expect(paths.filter((p) => p.endsWith(".test.ts"))).toEqual([]);
  });

  it.skipIf(!existsSync(bin))("runs the eval runner from the compiled CLI", () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-cli-"));
    try {
      const args = [bin, "evals", "no-such-suite", "--no-history", "--db", join(dir, "e.db")];
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
      // The runner loaded and answered with its own typed error, printed as one line.
      expect(r.stderr).toContain("unknown suite no-such-suite; known: policy");
      expect(r.stderr).not.toContain("unexpected error");
      expect(r.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
