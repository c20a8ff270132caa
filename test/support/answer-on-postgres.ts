// A second process answering an approval: it opens the same SQLite store and a new Postgres
// saver on the same database, approves the decision and prints the run's result as JSON.
// Usage: node --import tsx answer-on-postgres.ts <db file> <policy file> <pg url> <schema> <id>
import { postgresCheckpointer } from "../../src/checkpoint/index.js";
import { fixedClock } from "../../src/domain/index.js";
import { answerApproval, createPromotionGraph } from "../../src/graph/index.js";
import { DEMO_NOW } from "../../src/graph/testing/demo-db.js";
import { loadPolicy } from "../../src/policies/index.js";
import { openDb } from "../../src/store/index.js";

const [file, policyFile, url, schema, decisionId] = process.argv.slice(2);
if (!file || !policyFile || !url || !schema || !decisionId)
  throw new Error("usage: answer-on-postgres.ts <db> <policy> <pg url> <schema> <decision id>");

const db = openDb(file);
const checkpointer = await postgresCheckpointer(url, { schema });
try {
  const clock = fixedClock(DEMO_NOW);
  const policy = loadPolicy(policyFile);
  const graph = createPromotionGraph({ db, clock, policy, checkpointer });
  const result = await answerApproval({ graph, db, clock }, decisionId, {
    role: "category_manager",
    approver: "cm (category_manager)",
    decision: "approve",
    comment: "approved from a second process",
  });
  console.log(JSON.stringify(result));
} finally {
  await checkpointer.end();
  db.close();
}
