import { createReadStream, createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { basename, extname, join } from "node:path";
import { createInterface } from "node:readline";
import { TargetingError } from "./errors.js";
import { permutation, seededUniform } from "./random.js";

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
export async function splitEveryNth(
  file: string,
  every: number,
  outDir: string,
): Promise<SplitResult> {
  if (!existsSync(file))
    throw new TargetingError("FILE_NOT_FOUND", `${file}: file not found`, { file });
  if (!Number.isInteger(every) || every < 2)
    throw new TargetingError("INVALID_INPUT", `--every must be an integer ≥ 2, got ${every}`);
  mkdirSync(outDir, { recursive: true });
  const stem = basename(file, extname(file));
  const res: SplitResult = {
    train: join(outDir, `${stem}.train.csv`),
    test: join(outDir, `${stem}.test.csv`),
    trainRows: 0,
    testRows: 0,
  };
  const train = createWriteStream(res.train);
  const test = createWriteStream(res.test);
  let row = -1;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
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

/**
 * A seeded random split: a share `testShare` of the data rows (chosen by a seeded permutation)
 * goes to `<name>.test.csv`, the rest to `<name>.train.csv`, both in file order with the header.
 * Line-based like splitEveryNth; the same file, share and seed always give the same split.
 */
export async function splitRandom(
  file: string,
  testShare: number,
  seed: number,
  outDir: string,
): Promise<SplitResult> {
  if (!existsSync(file))
    throw new TargetingError("FILE_NOT_FOUND", `${file}: file not found`, { file });
  if (!(testShare > 0 && testShare < 1))
    throw new TargetingError(
      "INVALID_INPUT",
      `--test-share must be between 0 and 1, got ${testShare}`,
    );
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (line.trim() !== "") lines.push(line);
  const [header, ...data] = lines;
  if (header === undefined)
    throw new TargetingError("NO_VALID_ROWS", `${file}: empty file`, { file });
  const perm = permutation(data.length, seededUniform(seed));
  const toTest = new Uint8Array(data.length);
  for (let k = 0; k < Math.round(data.length * testShare); k++) toTest[perm[k]!] = 1;
  mkdirSync(outDir, { recursive: true });
  const stem = `${basename(file, extname(file))}.seed${seed}`;
  const res: SplitResult = {
    train: join(outDir, `${stem}.train.csv`),
    test: join(outDir, `${stem}.test.csv`),
    trainRows: 0,
    testRows: 0,
  };
  const out = [[header], [header]];
  data.forEach((l, i) => out[toTest[i]!]!.push(l));
  writeFileSync(res.train, `${out[0]!.join("\n")}\n`);
  writeFileSync(res.test, `${out[1]!.join("\n")}\n`);
  res.trainRows = out[0]!.length - 1;
  res.testRows = out[1]!.length - 1;
  return res;
}
