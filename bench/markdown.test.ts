import { describe, expect, it } from "vitest";
import { sectionMarkdown, updatePage } from "./markdown.js";

describe("benchmarks page", () => {
  const block = (v: number) => sectionMarkdown("cycle", { "cycle s": v, note: "a|b" }, "today");

  it("renders a section as a figure table, escaping pipes", () => {
    const md = block(54.9);
    expect(md).toContain("### cycle");
    expect(md).toContain("| cycle s | 54.9 |");
    expect(md).toContain("| note | a\\|b |");
  });

  it("replaces only the measured section and keeps the rest", () => {
    const other = sectionMarkdown("load", { rps: 248 }, "yesterday");
    const page = `# Benchmarks\n\nintro\n\n${block(60)}\n\n${other}\n`;
    const next = updatePage(page, new Map([["cycle", block(55)]]));
    expect(next).toContain("| cycle s | 55 |");
    expect(next).not.toContain("| cycle s | 60 |");
    expect(next).toContain("| rps | 248 |");
    expect(next.startsWith("# Benchmarks\n\nintro")).toBe(true);
  });

  it("appends a section the page does not have yet", () => {
    const next = updatePage("# Benchmarks\n", new Map([["cycle", block(55)]]));
    expect(next).toContain("<!-- bench:begin cycle -->");
    expect(next.endsWith("\n")).toBe(true);
  });
});
