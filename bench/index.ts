// `npm run bench [-- <dataDir>] [--only <word>] [--markdown docs/benchmarks.md]`: every speed and
// memory figure the issues ask for, measured in one run; `--markdown` writes them into the page.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { benchCycleMemory } from "./cycle-memory.js";
import { benchCycle, benchGraphLatency } from "./graph.js";
import { benchIngest } from "./ingest.js";
import { benchLoad } from "./load.js";
import { machineNote, sectionMarkdown, writeBenchPage } from "./markdown.js";
import { benchModels } from "./models.js";
import { benchResources } from "./resources.js";

// `--only <word>` runs just the sections whose title contains it (e.g. `--only ingestion`).
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const markdownAt = args.indexOf("--markdown");
const markdown = markdownAt >= 0 ? args.splice(markdownAt, 2)[1] : undefined;
const dataRoot = resolve(
  args[0] ??
    process.env.AUTOPROMO_DATA_DIR ??
    join(import.meta.dirname, "..", "..", "shared", "data"),
);
const btf = join(dataRoot, "breakfast-at-the-frat");
if (!existsSync(btf)) {
  console.error(
    `bench: ${btf} is missing; pass the data folder as the first argument or set AUTOPROMO_DATA_DIR`,
  );
  process.exit(1);
}

const sections: [string, () => Promise<Record<string, number | string>>][] = [
  ["ingestion (dunnhumby transactions)", () => benchIngest(btf)],
  ["lift model: full fit and scenario evaluation", () => benchModels(btf)],
  ["memory: 0.5M vs 5M generated sales rows", () => benchResources()],
  ["HTTP load: 50 clients post signals and read decisions for 30 s", () => benchLoad()],
  [
    "agent graph: one scope, signal to policy-checked decision, beside a bare 6-node graph",
    () => benchGraphLatency(),
  ],
  ["agent graph: full cycle over a generated 10,000-scope market", () => benchCycle()],
  [
    "memory: agent graph cycle over 2,500 vs 10,000 generated scopes, each in its own processes",
    () => benchCycleMemory(),
  ],
];

const blocks = new Map<string, string>();
for (const [name, run] of sections) {
  if (only !== undefined && !name.includes(only)) continue;
  console.log(`\n== ${name}`);
  const note = machineNote(new Date());
  const figures = await run();
  for (const [k, v] of Object.entries(figures))
    console.log(`${k.padEnd(32)} ${typeof v === "number" ? v.toLocaleString("en-US") : v}`);
  blocks.set(name, sectionMarkdown(name, figures, note));
}
if (markdown) {
  writeBenchPage(resolve(markdown), blocks);
  console.log(`\nwrote ${blocks.size} section(s) to ${markdown}`);
}
