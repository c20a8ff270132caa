import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/** Another OS process that takes the write lock of `path`, says so, holds it `ms`, then lets go. */
export function holdLock(
  path: string,
  ms: number,
): { held: Promise<void>; done: Promise<number | null> } {
  const driver = JSON.stringify(createRequire(import.meta.url).resolve("better-sqlite3"));
  const script =
    `const D=require(${driver});const d=new D(${JSON.stringify(path)});d.pragma("busy_timeout = 60000");` +
    `d.exec("BEGIN IMMEDIATE");d.exec("INSERT INTO run_leases VALUES ('lock-probe','probe','x','x')");console.log("held");` +
    `setTimeout(()=>{d.exec("ROLLBACK");d.close();},${ms});`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const held = new Promise<void>((resolve) =>
    child.stdout.on("data", (b: Buffer) => b.toString().includes("held") && resolve()),
  );
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { held, done };
}
