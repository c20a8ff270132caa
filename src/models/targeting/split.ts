import { createReadStream, createWriteStream, existsSync, mkdirSync } from "node:fs";
import { once } from "node:events";
import { basename, extname, join } from "node:path";
import { createInterface } from "node:readline";
import { TargetingError } from "./errors.js";

/** Where the two halves went and how many data rows each holds. */
export interface SplitResult {
  train: string;
  test: string;
  trainRows: number;
  testRows: number;
}

/**
 * Developers' split: data rows number 1, 2, …; every `every`-th row (5, 10, 15, … for 5) goes to
 * `<name>.test.csv`, the rest to `<name>.train.csv`; both keep the header. Line-based, so it
 * assumes one record per line (true of the Hillstrom file: its quoted comma never spans lines).
 */
export async function splitEveryNth(file: string, every: number, outDir: string): Promise<SplitResult> {
  if (!existsSync(file)) throw new TargetingError("FILE_NOT_FOUND", `${file}: file not found`, { file });
  if (!Number.isInteger(every) || every < 2) throw new TargetingError("INVALID_INPUT", `--every must be an integer ≥ 2, got ${every}`);
  mkdirSync(outDir, { recursive: true });
  const stem = basename(file, extname(file));
  const res: SplitResult = { train: join(outDir, `${stem}.train.csv`), test: join(outDir, `${stem}.test.csv`), trainRows: 0, testRows: 0 };
  const train = createWriteStream(res.train);
  const test = createWriteStream(res.test);
  let row = -1;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (row === -1) {
      train.write(`${line}\n`);
      test.write(`${line}\n`);
      row = 0;
      continue;
    }
    if (line.trim() === "") continue;
    row++;
    const toTest = row % every === 0;
    (toTest ? test : train).write(`${line}\n`);
    if (toTest) res.testRows++;
    else res.trainRows++;
  }
  train.end();
  test.end();
  await Promise.all([once(train, "finish"), once(test, "finish")]);
  return res;
}
