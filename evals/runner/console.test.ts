import { describe, expect, it } from "vitest";
import { suiteProgressBar } from "./console.js";

/** A stream that is not a terminal (a file, a pipe, CI), keeping what was written. */
function fileLike(): NodeJS.WriteStream & { text: string } {
  const s = {
    text: "",
    isTTY: false,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe("suite progress", () => {
  it("writes a plain line per suite started and finished when stderr is not a terminal", () => {
    const stream = fileLike();
    const p = suiteProgressBar(stream, {});
    p.onSuite({ suite: "policy", index: 0, total: 2, done: false });
    p.onSuite({ suite: "policy", index: 0, total: 2, done: true });
    p.onSuite({ suite: "perception", index: 1, total: 2, done: false });
    p.stop();
    const lines = stream.text.trim().split("\n");
    expect(lines[0]).toBe("evals: running policy (1/2)…");
    expect(lines[1]).toMatch(/^evals: policy done \(1\/2, \d+\.\d s\)$/);
    expect(lines[2]).toBe("evals: running perception (2/2)…");
    // eslint-disable-next-line no-control-regex
    expect(stream.text).not.toMatch(/\u001b\[/);
  });

  it("draws no bar on a terminal when NO_COLOR is set", () => {
    const stream = Object.assign(fileLike(), { isTTY: true });
    suiteProgressBar(stream, { NO_COLOR: "1" }).onSuite({
      suite: "policy",
      index: 0,
      total: 1,
      done: false,
    });
    expect(stream.text).toBe("evals: running policy (1/1)…\n");
  });
});
