import { describe, expect, it } from "vitest";

// The cycle scheduler and the work queue moved to src/triggers/ (schedule.test.ts, work-queue.test.ts).

describe("parseDuration (--every, --deliver-every, --grace)", () => {
  it("reads 15m, 30s, 1h30m, 500ms and off; refuses anything else, naming the option", async () => {
    const { parseDuration } = await import("../../src/server/service/index.js");
    expect([
      parseDuration("15m"),
      parseDuration("30s"),
      parseDuration("1h30m"),
      parseDuration("500ms"),
      parseDuration("off"),
      parseDuration("0"),
    ]).toEqual([900_000, 30_000, 5_400_000, 500, 0, 0]);
    expect(() => parseDuration("15 minutes", "--every")).toThrow(
      /--every: not a duration: "15 minutes"/,
    );
    expect(() => parseDuration("m", "--every")).toThrow(/--every/);
  });

  it("autopromo start refuses a bad interval before touching the database", async () => {
    const { buildProgram } = await import("../../src/cli/program.js");
    const lines: string[] = [];
    const program = buildProgram({
      out: (s) => void lines.push(s),
      err: (s) => void lines.push(s),
    }).exitOverride();
    await expect(
      program.parseAsync([
        "node",
        "autopromo",
        "start",
        "--every",
        "soon",
        "--db",
        "/nonexistent/dir/x.db",
      ]),
    ).rejects.toThrow(/--every: not a duration/);
  });
});
