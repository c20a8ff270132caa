import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliTestDb, runCli } from "../testing.js";
import { registerCampaignsCommand } from "./campaigns.js";
import { registerRunCommands } from "./run.js";

let path: string;
let policyFile: string;
beforeAll(async () => {
  const made = await cliTestDb("approve-edit");
  path = made.path;
  policyFile = join(made.dir, "policy.yaml");
  // A deeper cut than 26 % needs finance and a category manager.
  writeFileSync(
    policyFile,
    "approvalRequired:\n  newMarket: false\n  newMechanic: false\n  depthAbovePct: 26\napprovals:\n  routing:\n    approval.depth:\n      allOf: [finance, category_manager]\n",
  );
});

const cli = (args: string[]) =>
  runCli(
    [registerCampaignsCommand, registerRunCommands],
    [...args, "--db", path, "--policy", policyFile, "--now", "2025-03-05T10:00:00Z"],
  );

describe("autopromo approve on a campaign edit: one person, one vote", () => {
  it("answers an edit's request; refuses the same person under a second role and the requester; applies once approved", async () => {
    const edit = JSON.parse(
      await cli([
        "campaigns",
        "edit",
        "c-1",
        "--discount",
        "28",
        "--by",
        "mia",
        "--reason",
        "rival cut",
        "--json",
      ]),
    ) as { status: string; approvalRequestId: string; editId: number };
    expect(edit).toMatchObject({ status: "awaiting_approval" });
    const id = edit.approvalRequestId;
    const first = JSON.parse(
      await cli(["approve", id, "--as", "finance", "--approver", "alice", "--json"]),
    ) as { status: { request: { status: string } } };
    expect(first.status.request.status).toBe("pending");
    await expect(
      cli(["approve", id, "--as", "category_manager", "--approver", "Alice"]),
    ).rejects.toThrow(/alice has already answered .* as finance/);
    await expect(
      cli(["approve", `edit-${edit.editId}`, "--as", "category_manager", "--approver", "mia"]),
    ).rejects.toThrow(/mia asked for .* cannot approve it/);
    const done = JSON.parse(
      await cli([
        "approve",
        `edit-${edit.editId}`,
        "--as",
        "category_manager",
        "--approver",
        "bob",
        "--json",
      ]),
    ) as { status: { request: { status: string } }; applied: { status: string }[] };
    expect(done.status.request.status).toBe("approved");
    expect(done.applied).toMatchObject([{ status: "applied" }]);
  });
});
