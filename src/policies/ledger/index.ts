// The spend ledger: what each approved campaign commits against the policy's spend limits.
export { commitSpend, setCommitmentStatus, spendInPolicyCurrency } from "./ledger.js";
export type { CommitmentStatus } from "./ledger.js";
export { commitmentLaunched, commitmentCancelled } from "./delivery-sync.js";
