import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../testing.js";
import { registerShadowCommand } from "./shadow.js";

// `shadow pilot` refuses bad input with one line naming it, before playing any week.

const dir = mkdtempSync(join(tmpdir(), "autopromo-shadow-pilot-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  runCli([registerShadowCommand], ["shadow", "pilot", ...args]).catch((e: Error) => e.message);

describe("autopromo shadow pilot", () => {
  it("names an unknown world and lists the shipped ones", async () => {
    expect(await run("--world", "atlantis")).toMatch(
      /unknown world "atlantis": valid worlds are base, /,
    );
  });

  it("refuses to write into an existing store", async () => {
    const file = join(dir, "old.db");
    writeFileSync(file, "x");
    expect(await run("--db", file, "--weeks", "1")).toMatch(/--db .*old\.db: the file exists/);
  });

  it("refuses weeks below one", async () => {
    expect(await run("--weeks", "0")).toMatch(/--weeks.*expected an integer ≥ 1/);
  });
});
