// `npm run bench [-- <dataDir>]`: every speed and memory figure the issues ask for, measured in one run.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { benchIngest } from "./ingest.js";
import { benchModels } from "./models.js";
import { benchResources } from "./resources.js";

const dataRoot = resolve(process.argv[2] ?? process.env.AUTOPROMO_DATA_DIR ?? join(import.meta.dirname, "..", "..", "shared", "data"));
const btf = join(dataRoot, "breakfast-at-the-frat");
if (!existsSync(btf)) {
  console.error(`bench: ${btf} is missing; pass the data folder as the first argument or set AUTOPROMO_DATA_DIR`);
  process.exit(1);
}

const sections: [string, () => Promise<Record<string, number | string>>][] = [
  ["ingestion (dunnhumby transactions)", () => benchIngest(btf)],
  ["lift model: full fit and scenario evaluation", () => benchModels(btf)],
  ["memory: 0.5M vs 5M generated sales rows", () => benchResources()],
];

for (const [name, run] of sections) {
  console.log(`\n== ${name}`);
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(32)} ${typeof v === "number" ? v.toLocaleString("en-US") : v}`);
}
